// TorchSharp 0.107 frees the native memory of a temporary Scalar (every double passed to a tensor
// op, e.g. inside Adam's step) from its finalizer, which can run while the op that received the
// Scalar is still in native code: the op then reads freed memory and fails with "Expected false to
// be true" (Scalar.h, toFloat) or "Unknown scalar type". A GC triggered by another thread during
// training is what lets the finalizer run; reproduced in isolation (Adam steps on one thread, GCs
// forced on another: a failure after about 7,000 steps). Tests that allocate heavily on parallel
// threads (the fuzzers, the source scan) made it happen here about once in five full runs, so the
// test classes of this assembly run one at a time, as training runs in an application.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
