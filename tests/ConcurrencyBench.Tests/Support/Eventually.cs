namespace ConcurrencyBench.Tests.Support;

/// <summary>Waits for a condition that an event makes true, instead of sleeping and hoping it happened.</summary>
public static class Eventually
{
    /// <summary>The liveness bound: far longer than any of these events takes, even on a loaded machine.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="condition"/> until it holds; throws when <see cref="Bound"/> passes first.</summary>
    public static async Task TrueAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(1, limit.Token);
        }
    }
}
