// The benchmark suite: dotnet run -c Release --project bench -- --quick | --full | --memory | --genome-memory | --sweep | --peers | --real | --variants | --attribution | --profiles [BenchmarkDotNet args]
// See Suite/SuiteRunner.cs for the command line and BENCHMARKS.md for the results.
return Cnn.MLNet.Benchmarks.Suite.SuiteRunner.Run(args);
