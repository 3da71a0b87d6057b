namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// Marks a class whose every sample must come from a fresh process (one launch, one call): a thread pool keeps the
/// threads it injected for about 20 s, so a warm process would hide what the class measures.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ColdProcessPerSampleAttribute : Attribute;
