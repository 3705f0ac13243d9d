namespace Cnn.MLNet.Trainers;

/// <summary>
/// Applies <see cref="ImageAugmentation"/> in place to a batch of flat channel-major images before
/// it becomes a tensor: one flip/shift draw per image, the same for all its channels. Working on
/// the reused batch buffer keeps augmentation free of extra tensors and exactly testable.
/// </summary>
internal sealed class ImageAugmenter
{
    private readonly ImageAugmentation _settings;
    private readonly int _channels, _height, _width;
    private readonly Random _random;
    private readonly float[] _scratch;

    public ImageAugmenter(ImageAugmentation settings, InputShape input, int seed)
    {
        if (input.Height is not int height)
            throw new ArgumentException($"Cnn trainer: Augmentation flips and shifts images, but the input is a sequence ({input}). Leave Augmentation unset for sequences.");
        _settings = settings;
        _channels = input.Channels;
        _height = height;
        _width = input.Length;
        _random = new Random(seed);
        _scratch = new float[input.Size];
    }

    /// <summary>Augments the first <paramref name="rows"/> images of <paramref name="batch"/>.</summary>
    public void Apply(Span<float> batch, int rows)
    {
        int size = _scratch.Length;
        for (int r = 0; r < rows; r++)
        {
            bool flipX = _settings.HorizontalFlip && _random.Next(2) == 1;
            bool flipY = _settings.VerticalFlip && _random.Next(2) == 1;
            int dx = _settings.MaxShift > 0 ? _random.Next(-_settings.MaxShift, _settings.MaxShift + 1) : 0;
            int dy = _settings.MaxShift > 0 ? _random.Next(-_settings.MaxShift, _settings.MaxShift + 1) : 0;
            if (!flipX && !flipY && dx == 0 && dy == 0) continue;
            Transform(batch.Slice(r * size, size), flipX, flipY, dx, dy);
        }
    }

    /// <summary>out(y, x) = in(y − dy, x − dx) mirrored as asked, zero where that falls outside the image.</summary>
    internal void Transform(Span<float> image, bool flipX, bool flipY, int dx, int dy)
    {
        image.CopyTo(_scratch);
        int plane = _height * _width;
        for (int c = 0; c < _channels; c++)
        {
            var source = _scratch.AsSpan(c * plane, plane);
            var target = image.Slice(c * plane, plane);
            for (int y = 0; y < _height; y++)
            {
                int sy = y - dy;
                bool rowInside = sy >= 0 && sy < _height;
                if (flipY) sy = _height - 1 - sy;
                for (int x = 0; x < _width; x++)
                {
                    int sx = x - dx;
                    if (!rowInside || sx < 0 || sx >= _width) { target[y * _width + x] = 0; continue; }
                    if (flipX) sx = _width - 1 - sx;
                    target[y * _width + x] = source[sy * _width + sx];
                }
            }
        }
    }
}
