using SkiaSharp;

namespace Cnn.MLNet.Interpretation;

// SkiaSharp stays on 2.88 (Directory.Packages.props): Microsoft.ML.ImageAnalytics 5.0.1 fails with SkiaSharp 3
// (MissingMethodException SKBitmap.GetPixelSpan): https://github.com/dotnet/machinelearning/issues/7413
/// <summary>
/// A white picture with a framed data area, drawn with SkiaSharp: the caller fills shapes in data
/// coordinates, then <see cref="SavePng"/> adds the frame, ticks, tick labels, axis labels and
/// title and writes the PNG.
/// </summary>
/// <remarks>
/// Data shapes are clipped to the data area. Text sizes shrink on pictures smaller than 200 pixels,
/// and tick labels at every position (bases, motif positions) shrink to fit their spacing.
/// </remarks>
internal sealed class PlotCanvas : IDisposable
{
    private const float TickLength = 4;
    private static readonly SKColor Ink = SKColors.Black;

    private readonly SKSurface _surface;
    private readonly PlotFrame _frame;
    private readonly IReadOnlyList<PlotTick> _xTicks, _yTicks;
    private readonly float _titleSize, _labelSize, _tickSize, _xTickSize, _pad;
    private readonly SKRect _area;

    /// <summary>Creates a <paramref name="width"/> × <paramref name="height"/> picture laid out for <paramref name="frame"/>.</summary>
    public PlotCanvas(int width, int height, PlotFrame frame)
    {
        _frame = frame;
        float scale = Math.Clamp(Math.Min(width, height) / 200f, 0.4f, 1f);
        _titleSize = 16 * scale;
        _labelSize = 14 * scale;
        _tickSize = 12 * scale;
        _pad = 8 * scale;

        float top = _pad + (frame.Title is null ? 0 : _titleSize * 1.4f);
        float bottom = TickLength + _tickSize * 1.3f + _pad / 2 + _labelSize * 1.3f + _pad;
        float roughHeight = Math.Max(1, height - top - bottom);
        _yTicks = frame.YTicks ?? PlotTicks.Numeric(frame.YMin, frame.YMax, Math.Max(3, (int)(roughHeight / 35)));
        float yTickWidth;
        using (var paint = PlotFont.Paint(_tickSize, Ink))
            yTickWidth = _yTicks.Count == 0 ? 0 : _yTicks.Max(t => paint.MeasureText(t.Label));
        float left = _pad + _labelSize * 1.3f + _pad / 2 + yTickWidth + TickLength + 3;
        float right = 2 * _pad;
        float areaWidth = Math.Max(1, width - left - right);
        _area = new SKRect(left, top, left + areaWidth, top + Math.Max(1, height - top - bottom));

        _xTicks = frame.XTicks ?? PlotTicks.Numeric(frame.XMin, frame.XMax, Math.Max(2, (int)(areaWidth / 70)), frame.XMinStep);
        _xTickSize = FittedTickSize(_xTicks, areaWidth);

        _surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"SkiaSharp could not create a {width} × {height} picture.");
        Canvas.Clear(SKColors.White);
        Canvas.Save();
        Canvas.ClipRect(_area);
    }

    private SKCanvas Canvas => _surface.Canvas;

    /// <summary>The pixel x of data value <paramref name="x"/>.</summary>
    public float X(double x) => (float)(_area.Left + (x - _frame.XMin) / (_frame.XMax - _frame.XMin) * _area.Width);

    /// <summary>The pixel y of data value <paramref name="y"/>.</summary>
    public float Y(double y) => (float)(_area.Bottom - (y - _frame.YMin) / (_frame.YMax - _frame.YMin) * _area.Height);

    /// <summary>Fills the polygon through <paramref name="points"/> (data coordinates).</summary>
    public void FillPolygon(IEnumerable<(double X, double Y)> points, SKColor color)
    {
        using var path = PathThrough(points);
        path.Close();
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        Canvas.DrawPath(path, paint);
    }

    /// <summary>Fills the rectangle between data corners (<paramref name="x0"/>, <paramref name="y0"/>) and (<paramref name="x1"/>, <paramref name="y1"/>).</summary>
    public void FillRectangle(double x0, double y0, double x1, double y1, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        Canvas.DrawRect(SKRect.Create(Math.Min(X(x0), X(x1)), Math.Min(Y(y0), Y(y1)), Math.Abs(X(x1) - X(x0)), Math.Abs(Y(y1) - Y(y0))), paint);
    }

    /// <summary>Draws a line through <paramref name="points"/> (data coordinates), <paramref name="width"/> pixels wide.</summary>
    public void Polyline(IEnumerable<(double X, double Y)> points, SKColor color, float width)
    {
        using var path = PathThrough(points);
        using var paint = new SKPaint { Color = color, StrokeWidth = width, IsAntialias = true, Style = SKPaintStyle.Stroke };
        Canvas.DrawPath(path, paint);
    }

    // An open path through the points, in pixels.
    private SKPath PathThrough(IEnumerable<(double X, double Y)> points)
    {
        var path = new SKPath();
        bool first = true;
        foreach (var (x, y) in points)
        {
            if (first) path.MoveTo(X(x), Y(y));
            else path.LineTo(X(x), Y(y));
            first = false;
        }
        return path;
    }

    /// <summary>Draws a filled circle of <paramref name="radius"/> pixels at data point (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public void Dot(double x, double y, float radius, SKColor color)
    {
        using var paint = new SKPaint { Color = color, IsAntialias = true, Style = SKPaintStyle.Fill };
        Canvas.DrawCircle(X(x), Y(y), radius, paint);
    }

    /// <summary>Draws a one-pixel horizontal line across the data area at data value <paramref name="y"/>.</summary>
    public void HorizontalLine(double y, SKColor color)
    {
        using var paint = new SKPaint { Color = color, StrokeWidth = 1, IsAntialias = false, Style = SKPaintStyle.Stroke };
        float py = MathF.Round(Y(y)) + 0.5f;
        Canvas.DrawLine(_area.Left, py, _area.Right, py, paint);
    }

    /// <summary>Draws the frame, ticks and text, and writes the picture to <paramref name="file"/> as a PNG.</summary>
    public void SavePng(string file)
    {
        using var image = Finish();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new InvalidOperationException("SkiaSharp could not encode the picture as PNG.");
        using var stream = File.Create(file);
        data.SaveTo(stream);
    }

    /// <summary>Draws the frame, ticks and text and returns the finished picture (for composing several plots into one); call once, instead of <see cref="SavePng"/>.</summary>
    public SKImage Finish()
    {
        Canvas.Restore(); // end the data-area clip
        DrawFrame();
        DrawTicks();
        DrawLabels();
        Canvas.Flush();
        return _surface.Snapshot();
    }

    /// <inheritdoc />
    public void Dispose() => _surface.Dispose();

    private void DrawFrame()
    {
        using var paint = new SKPaint { Color = Ink, StrokeWidth = 1, IsAntialias = false, Style = SKPaintStyle.Stroke };
        var edge = new SKRect(MathF.Floor(_area.Left) - 0.5f, MathF.Floor(_area.Top) - 0.5f, MathF.Ceiling(_area.Right) + 0.5f, MathF.Ceiling(_area.Bottom) + 0.5f);
        Canvas.DrawRect(edge, paint);
    }

    private void DrawTicks()
    {
        using var line = new SKPaint { Color = Ink, StrokeWidth = 1, IsAntialias = false, Style = SKPaintStyle.Stroke };
        using var xText = PlotFont.Paint(_xTickSize, Ink, SKTextAlign.Center);
        float xBaseline = _area.Bottom + TickLength + 2 - xText.FontMetrics.Ascent;
        foreach (var tick in _xTicks)
        {
            float x = X(tick.Position);
            if (x < _area.Left - 0.5f || x > _area.Right + 0.5f) continue;
            float px = MathF.Round(x) + 0.5f;
            Canvas.DrawLine(px, _area.Bottom, px, _area.Bottom + TickLength, line);
            Canvas.DrawText(tick.Label, x, xBaseline, xText);
        }

        using var yText = PlotFont.Paint(_tickSize, Ink, SKTextAlign.Right);
        float middle = -(yText.FontMetrics.Ascent + yText.FontMetrics.Descent) / 2;
        foreach (var tick in _yTicks)
        {
            float y = Y(tick.Position);
            if (y < _area.Top - 0.5f || y > _area.Bottom + 0.5f) continue;
            float py = MathF.Round(y) + 0.5f;
            Canvas.DrawLine(_area.Left - TickLength, py, _area.Left, py, line);
            Canvas.DrawText(tick.Label, _area.Left - TickLength - 3, y + middle, yText);
        }
    }

    private void DrawLabels()
    {
        using var label = PlotFont.Paint(_labelSize, Ink, SKTextAlign.Center);
        float xLabelTop = _area.Bottom + TickLength + _xTickSize * 1.3f + _pad / 2;
        Canvas.DrawText(_frame.XLabel, _area.MidX, xLabelTop - label.FontMetrics.Ascent, label);

        Canvas.Save();
        Canvas.RotateDegrees(-90);
        // After rotating by −90°, canvas point (x, y) is drawn at picture point (y, −x).
        Canvas.DrawText(_frame.YLabel, -_area.MidY, _pad - label.FontMetrics.Ascent, label);
        Canvas.Restore();

        if (_frame.Title is null) return;
        using var title = PlotFont.Paint(_titleSize, Ink, SKTextAlign.Center, bold: true);
        Canvas.DrawText(_frame.Title, _area.MidX, _pad / 2 - title.FontMetrics.Ascent, title);
    }

    /// <summary>The tick label size, shrunk so the widest label fits the spacing between ticks.</summary>
    private float FittedTickSize(IReadOnlyList<PlotTick> ticks, float areaWidth)
    {
        if (ticks.Count < 2) return _tickSize;
        double spacing = areaWidth * Math.Abs(ticks[1].Position - ticks[0].Position) / (_frame.XMax - _frame.XMin);
        using var paint = PlotFont.Paint(_tickSize, Ink);
        float widest = ticks.Max(t => paint.MeasureText(t.Label));
        if (widest <= 0) return _tickSize;
        return (float)Math.Clamp(_tickSize * 0.9 * spacing / widest, Math.Min(4, _tickSize), _tickSize);
    }
}
