namespace ConcurrencyBench.Benchmarks.Infrastructure;

/// <summary>
/// A deadline on each call of a row that waits for another process, as the pool rows bound an item
/// (<c>ProcessStrategyOptions.ItemTimeout</c>) and the HTTP rows a request (<c>HttpClient.Timeout</c>): the call is
/// given a token that is cancelled when the deadline passes, so that a stopped or hung process fails the row instead
/// of hanging the suite. One call at a time; the token source is reused from call to call while no deadline passes.
/// </summary>
internal sealed class CallDeadline : IDisposable
{
    private CancellationTokenSource _source = new();

    /// <summary>Initializes a deadline of <paramref name="limit"/> per call.</summary>
    /// <param name="limit">How long one call may take.</param>
    public CallDeadline(TimeSpan limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        Limit = limit;
    }

    /// <summary>Gets how long one call may take.</summary>
    public TimeSpan Limit { get; }

    /// <summary>Gets a value indicating whether the current call's deadline has passed.</summary>
    public bool Expired => _source.IsCancellationRequested;

    /// <summary>Starts a call's deadline.</summary>
    /// <returns>The token to give the call: cancelled when the deadline passes.</returns>
    public CancellationToken Start()
    {
        _source.CancelAfter(Limit);
        return _source.Token;
    }

    /// <summary>Ends the call's deadline; a source whose deadline passed is replaced for the next call.</summary>
    public void Stop()
    {
        if (!_source.TryReset())
        {
            _source.Dispose();
            _source = new CancellationTokenSource();
        }
    }

    /// <inheritdoc />
    public void Dispose() => _source.Dispose();
}
