// The CLI tests train and score several networks. One full `dotnet test` run once saw a libtorch
// native assertion ("Expected false to be true") in this assembly while its test classes ran in
// parallel. The cause is TorchSharp's: a temporary Scalar's finalizer can free it while a native
// op still uses it, when another thread's allocation triggers a GC (reproduced in isolation, see
// test/Trainers.Tests/TestParallelism.cs). The commands are tested one at a time, as a user runs them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
