// The CLI tests train and score several networks. One full `dotnet test` run (of many) once saw a
// libtorch native assertion ("Expected false to be true") in this assembly while its test classes
// ran in parallel; it could not be reproduced (repeated full runs, concurrent scoring/saliency/
// training probes). Until it is understood, the commands are tested one at a time, as a user runs them.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
