using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;

namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Keeps BenchmarkDotNet's pilot stage in a class that poisons buffers in [IterationSetup] and checks them in
/// [IterationCleanup]. Without it, either attribute makes BenchmarkDotNet run one call per iteration, far too few for
/// rows of microseconds; an explicit unroll factor tells it to choose the number of calls as usual.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class PilotWithIterationSetupAttribute() : JobMutatorConfigBaseAttribute(Job.Default.WithUnrollFactor(1));
