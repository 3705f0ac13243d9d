using Microsoft.ML;
using Microsoft.ML.Data;

namespace Cnn.MLNet.Pipelines;

/// <summary>
/// Turns ML.NET's errors for unreadable image files into errors that name the file.
/// </summary>
/// <remarks>
/// <para>
/// What ML.NET 5 throws when <c>LoadImages</c> meets a bad file (probed): a corrupt, truncated or
/// empty file gives <see cref="ArgumentException"/> "Invalid input stream contents (Parameter
/// 'imageStream')" from <c>MLImage.CreateFromStream</c>, and a missing file
/// <see cref="FileNotFoundException"/>; neither says which row. Read through a parallel cursor
/// (<c>GetColumn</c>, evaluators) either arrives wrapped in <see cref="InvalidOperationException"/>
/// "Splitter/consolidator worker encountered exception while consuming source data". (A file cut
/// short after its header and first rows is not an error at all: SkiaSharp decodes the rows it
/// has, so nobody can report it.)
/// </para>
/// <para>
/// Why translate after the fact rather than check every file first: a full check means decoding
/// every image once more (a header check alone passes truncated files, which fail only when
/// decoded), a cost on every good run for the sake of the rare bad one. Instead, only when a
/// pipeline step fails with one of those exceptions, <see cref="Translate{T}"/> decodes the input's
/// files in order with the same decoder (<c>MLImage.CreateFromStream</c>) and reports the first
/// that fails, as <see cref="InvalidDataException"/> with the original as inner exception. If every
/// file decodes, the original exception propagates unchanged.
/// </para>
/// </remarks>
internal static class ImageReadErrors
{
    /// <summary>
    /// Runs <paramref name="action"/> (a fit, an evaluation, a scoring pass) over a pipeline whose
    /// input is <paramref name="images"/>; if it fails because an image file cannot be read, throws
    /// an <see cref="InvalidDataException"/> naming that file instead.
    /// </summary>
    /// <param name="images">The pipeline's input: a view with a text <c>ImagePath</c> column (as <see cref="ImageFolders.Load"/> makes).</param>
    /// <param name="action">The work that reads the images.</param>
    /// <param name="imagePathColumn">The column of image paths. Default <c>ImagePath</c>.</param>
    /// <exception cref="InvalidDataException">An image file is missing or cannot be decoded; the message names it.</exception>
    public static T Translate<T>(IDataView images, Func<T> action, string imagePathColumn = ImageFolders.ImagePathColumn)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return action();
        }
        catch (Exception e) when (LooksLikeImageReadFailure(e))
        {
            if (FindUnreadable(images, imagePathColumn) is { } bad)
                throw new InvalidDataException($"Cannot read image file '{bad.Path}': {bad.Reason}", e);
            throw;
        }
    }

    /// <summary>
    /// Decodes the files of <paramref name="images"/>' path column in row order and returns the
    /// first that cannot be read, with the reason; null when all decode (or there is no such column).
    /// </summary>
    public static (string Path, string Reason)? FindUnreadable(IDataView images, string imagePathColumn = ImageFolders.ImagePathColumn)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Schema.GetColumnOrNull(imagePathColumn) is not { Type: TextDataViewType } column) return null;
        using var cursor = images.GetRowCursor([column]);
        var getter = cursor.GetGetter<ReadOnlyMemory<char>>(column);
        ReadOnlyMemory<char> value = default;
        while (cursor.MoveNext())
        {
            getter(ref value);
            string path = value.ToString();
            if (path.Length == 0) continue; // LoadImages yields an empty image for an empty path
            if (Problem(path) is string reason) return (path, reason);
        }
        return null;
    }

    private static string? Problem(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var image = MLImage.CreateFromStream(stream);
            return null;
        }
        catch (ArgumentException)
        {
            return "it is not an image SkiaSharp can decode (corrupt, truncated, empty, or an unsupported format).";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    private static bool LooksLikeImageReadFailure(Exception e)
    {
        if (e is InvalidDataException) return false; // already named (nested Translate calls), or not about image files
        for (Exception? inner = e; inner != null; inner = inner.InnerException)
            if (inner is ArgumentException { ParamName: "imageStream" } or IOException or UnauthorizedAccessException)
                return true;
        return false;
    }
}
