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

    /// <summary>Computing work: every item starts a worker process.</summary>
    StartsAProcessPerItem,

    /// <summary>Computing work: every item is a round trip to a worker process.</summary>
    RoundTripPerItem,

    /// <summary>Computing work: the items cross to worker processes and back, several per round trip.</summary>
    RoundTripPerChunk,

    /// <summary>Any work: every item is a grain call to a cluster's silo process.</summary>
    GrainCallPerItem,

    /// <summary>Any work: the items go to a cluster's silo processes and back, several per grain call.</summary>
    GrainCallPerChunk,

    /// <summary>Computing work: every item holds a thread of its own.</summary>
    ThreadPerItem,

    /// <summary>CPython's computing work on threads: the GIL lets one thread run Python code at a time.</summary>
    OneThreadRunsPythonAtATime,

    /// <summary>Starting a process: the worker's runtime starts with it and compiles its code just in time.</summary>
    StartsTheJitRuntime,

    /// <summary>Moving data: the payload is copied through the kernel (a pipe or a socket), not handed over in shared memory.</summary>
    CopiedThroughTheKernel,

    /// <summary>Serialization: a text format, every number formatted and parsed.</summary>
    TextFormat,

    /// <summary>Copy versus compute: a pool over this transport is slower than computing in process even at the heaviest compute.</summary>
    SlowerEvenAtTheHeaviestCompute,

    /// <summary>The test shows the row slower; its role names no reason.</summary>
    NoneNamed,
}
