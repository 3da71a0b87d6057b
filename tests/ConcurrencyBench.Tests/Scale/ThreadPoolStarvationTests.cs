using ConcurrencyBench.Benchmarks;

namespace ConcurrencyBench.Tests.Scale;

/// <summary>The starvation class's rows give the right answers (their times are the benchmark's business).</summary>
public sealed class ThreadPoolStarvationTests
{
    [Fact]
    public async Task EveryRow_AnswersEveryCall()
    {
        var benchmark = new ThreadPoolStarvation { N = 40, LatencyMs = 5 };
        benchmark.CreateWorkload();
        try
        {
            Assert.Equal(40, (await benchmark.TaskRunBlocking_DefaultMinimum()).Length);
            Assert.Equal(40, (await benchmark.Async_TaskWhenAll()).Length);
        }
        finally
        {
            benchmark.ReportFacts();
        }
    }
}
