namespace Cnn.MLNet.Interpretation;

/// <summary>
/// A Gaussian blur of each channel of a channel-major image (channels × height × width), as two
/// 1-D passes (the Gaussian is separable), truncated at 3σ, with edges clamped (the border pixel
/// repeats) so the image's brightness does not fade at its borders.
/// </summary>
internal static class GaussianBlur
{
    public static void Apply(ReadOnlySpan<float> image, int channels, int height, int width, double sigma, Span<float> blurred)
    {
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var kernel = new double[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) sum += kernel[i + radius] = Math.Exp(-0.5 * i * i / (sigma * sigma));
        for (int i = 0; i < kernel.Length; i++) kernel[i] /= sum;

        var rows = new double[height * width];
        for (int c = 0; c < channels; c++)
        {
            var plane = image.Slice(c * height * width, height * width);
            var target = blurred.Slice(c * height * width, height * width);
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) v += kernel[k + radius] * plane[y * width + Math.Clamp(x + k, 0, width - 1)];
                    rows[y * width + x] = v;
                }
            for (int y = 0; y < height; y++)
                for (int x = 0; x < width; x++)
                {
                    double v = 0;
                    for (int k = -radius; k <= radius; k++) v += kernel[k + radius] * rows[Math.Clamp(y + k, 0, height - 1) * width + x];
                    target[y * width + x] = (float)v;
                }
        }
    }
}
