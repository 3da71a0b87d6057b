namespace ConcurrencyBench.Reporting.Analysis.Findings;

/// <summary>Why a row is one to avoid: what its strategy does that the work does not reward.</summary>
internal enum AvoidReason
{
    /// <summary>Waiting work: it waits for one call at a time.</summary>
    WaitsForOneCallAtATime,

    /// <summary>Waiting work: every call starts a worker process.</summary>
    StartsAProcessPerCall,

    /// <summary>Waiting work: at most K calls wait at once, fewer than the calls.</summary>
    AtMostKAtOnce,

    /// <summary>Waiting work: every waiting call holds a thread of its own.</summary>
    ThreadPerCall,

    /// <summary>Waiting work: every waiting call holds a thread-pool thread.</summary>
    PoolThreadPerCall,

    /// <summary>Computing work: its asynchronous form awaits nothing that takes time, so its items ran one after another.</summary>
    ItemsRanOneAfterAnother,

    /// <summary>Computing work: it runs one item at a time.</summary>
    RunsOneItemAtATime,

    /// <summary>Computing work: its overhead eats the parallelism.</summary>
    OverheadEatsParallelism,
}
