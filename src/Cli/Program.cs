using Cnn.MLNet.Cli;
using Cnn.MLNet.Trainers;

// Keep libtorch's per-batch scratch memory for reuse (see NativeAllocatorTuning); set
// CNN_MLNET_DEFAULT_MALLOC=1 to run with glibc's defaults.
NativeAllocatorTuning.Apply();

return CliApp.Run(args, Console.Out, Console.Error);
