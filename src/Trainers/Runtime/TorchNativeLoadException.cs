namespace Cnn.MLNet.Trainers;

/// <summary>
/// TorchSharp's native libraries could not be loaded. The message quotes the operating system
/// loader's own error (TorchSharp's message would wrongly claim a missing package reference) and
/// says what to do about it.
/// </summary>
public sealed class TorchNativeLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TorchNativeLoadException(string message, string loaderError, Exception? inner = null) : base(message, inner)
        => LoaderError = loaderError;

    /// <summary>The loader's message, verbatim (for example <c>version `GLIBCXX_3.4.32' not found</c>).</summary>
    public string LoaderError { get; }
}
