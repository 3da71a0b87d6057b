namespace ConcurrencyBench.Reporting.Results;

/// <summary>
/// <c>run.json</c>: what a run was (suite, commit, profile, machine, time per class) and what BenchmarkDotNet's export
/// does not say about each benchmark (its baseline, ideal-time inputs, why it was skipped, how its answers were
/// checked, facts measured beside it). Written by the runner; read, with the full JSON export, by everything else.
/// </summary>
public sealed record RunRecord
{
    /// <summary>
    /// The schema this build writes and reads: 2 gives every row its role (<see cref="BenchmarkRecord.Role"/>), 3 its
    /// typed inputs and transport (<see cref="BenchmarkRecord.Inputs"/>, <see cref="BenchmarkRecord.Transport"/>), 4 the
    /// worker build of the process-start rows, the format of the serialization rows and how the thread-pool starvation
    /// rows wait (<see cref="BenchmarkRecord.WorkerBuild"/>, <see cref="BenchmarkRecord.Format"/>,
    /// <see cref="BenchmarkRecord.Waits"/>); files of schemas 1 to 3 are read through <see cref="RunRecordMigration"/>;
    /// other schemas are refused.
    /// </summary>
    public const int CurrentSchema = 4;

    /// <summary>Gets the schema of the file.</summary>
    public int Schema { get; init; } = CurrentSchema;

    /// <summary>Gets the suite that ran.</summary>
    public required SuiteRecord Suite { get; init; }

    /// <summary>Gets how it measured.</summary>
    public required ProfileRecord Profile { get; init; }

    /// <summary>Gets the machine it ran on.</summary>
    public required MachineRecord Machine { get; init; }

    /// <summary>Gets when the run started.</summary>
    public DateTimeOffset Started { get; init; }

    /// <summary>Gets when the run ended.</summary>
    public DateTimeOffset Ended { get; init; }

    /// <summary>Gets one record per benchmark class that ran.</summary>
    public IReadOnlyList<ClassRecord> Classes { get; init; } = [];

    /// <summary>Gets one record per benchmark case: measured, failed or skipped.</summary>
    public IReadOnlyList<BenchmarkRecord> Benchmarks { get; init; } = [];

    /// <summary>Gets what went wrong, one line each.</summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>Gets the CPython step: the interpreter that ran the original exercises, or why they were skipped.</summary>
    public CPythonRecord? CPython { get; init; }

    /// <summary>Gets what plain code reached on every core of the machine during the run, or null where it was not measured.</summary>
    public CoreScalingRecord? CoreScaling { get; init; }

    /// <summary>
    /// Gets the share of the machine's CPU time, in percent, that a hypervisor gave to others during the run (Linux's
    /// steal time), or null where it is not known. Above a few percent a VM's figures move between runs.
    /// </summary>
    public double? StealPercent { get; init; }

    /// <summary>
    /// The steal, in percent, from which a run counts as disturbed: on the 2-core VM runs at 12-15% steal made a
    /// shared-memory hand-off hundreds of times slower than runs of the same build at 3%.
    /// </summary>
    public const double DisturbingStealPercent = 5;

    /// <summary>Gets a value indicating whether the hypervisor took enough of the run's CPU time to move its figures.</summary>
    public bool IsDisturbed => StealPercent >= DisturbingStealPercent;

    /// <summary>
    /// Gets the step, in milliseconds, of the clock .NET's timers count in (<c>Environment.TickCount64</c>), measured at
    /// the start of the run, or null where it was not measured. A wait is counted from a reading up to a step old and
    /// ends on a step, so it can end up to about a step early or late: part of a waiting row's distance from one latency.
    /// </summary>
    public long? TimerTickMilliseconds { get; init; }

    /// <summary>
    /// Gets the run's trials: how many, the seed of their orders and the order of each (case ids); null for a run of
    /// one pass over the classes (each class's cases together, as BenchmarkDotNet runs them).
    /// </summary>
    public TrialsRecord? Trials { get; init; }

    /// <summary>Gets the run's duration.</summary>
    public TimeSpan Duration => Ended - Started;
}

/// <summary>
/// The trials of a run: every selected case once per trial, in its own launch, each trial in a fresh random order over
/// every class. A case's trials are its launches in the full JSON export (LaunchIndex = trial).
/// </summary>
/// <param name="Count">The trials.</param>
/// <param name="Seed">The seed of the orders (<c>--seed</c> reproduces them).</param>
/// <param name="Orders">Each trial's order, as case ids.</param>
public sealed record TrialsRecord(int Count, int Seed, IReadOnlyList<IReadOnlyList<string>> Orders)
{
    /// <summary>
    /// Gets the names of the runs' folders when the trials were measured as runs of their own and joined
    /// (<see cref="TrialJoin"/>: the interleaved measurement of two builds); null for the trials of one run.
    /// </summary>
    public IReadOnlyList<string>? JoinedFrom { get; init; }
}

/// <summary>The suite that ran.</summary>
/// <param name="Name">The suite's name.</param>
/// <param name="Version">Its informational version.</param>
/// <param name="Commit">The commit of the working tree, when it is a git checkout.</param>
/// <param name="Dirty">Whether the working tree had uncommitted changes.</param>
public sealed record SuiteRecord(string Name, string Version, string? Commit, bool? Dirty);

/// <summary>How the run measured and judged.</summary>
/// <param name="Name">quick or full.</param>
/// <param name="Job">The BenchmarkDotNet job's characteristics.</param>
/// <param name="SignificanceLevel">The significance level of the verdicts.</param>
/// <param name="ThresholdPercent">The smallest difference that counts as faster or slower.</param>
/// <param name="IdealTimeBudgetSeconds">Cases whose ideal time alone exceeds this are skipped.</param>
public sealed record ProfileRecord(string Name, string Job, double SignificanceLevel, double ThresholdPercent, double IdealTimeBudgetSeconds);

/// <summary>The machine a run measured.</summary>
/// <param name="Cpu">The processor's name.</param>
/// <param name="LogicalCores">Logical cores.</param>
/// <param name="PhysicalCores">Physical cores, when known.</param>
/// <param name="MemoryBytes">Physical memory.</param>
/// <param name="Os">The operating system.</param>
/// <param name="Runtime">The .NET runtime of the benchmarks.</param>
/// <param name="Architecture">The process architecture.</param>
public sealed record MachineRecord(string Cpu, int LogicalCores, int? PhysicalCores, long? MemoryBytes, string Os, string Runtime, string Architecture);

/// <summary>
/// The machine's own ceiling during a run: a loop of integer arithmetic on one thread, then the same work split over one
/// dedicated thread per core, as pairs taken before the benchmark classes (both halves of a pair see the machine in the
/// same state). No strategy's speedup can beat it.
/// </summary>
/// <param name="Threads">The threads of the parallel half: one per logical core.</param>
/// <param name="Speedups">Each pair's speedup: the one-thread time over the time of the same work on every thread.</param>
public sealed record CoreScalingRecord(int Threads, IReadOnlyList<double> Speedups);

/// <summary>A benchmark class: the question it answers and how long it took.</summary>
/// <param name="Type">The class's name.</param>
/// <param name="Question">The question, as REPORT.md titles its section.</param>
/// <param name="Kind">How the class is read: see <see cref="QuestionKind"/>.</param>
/// <param name="Seconds">How long the class took to run, set-up and builds included.</param>
/// <param name="IdealTime">The inputs of its ideal time, for the strategy comparisons.</param>
/// <param name="ItemsPerOperation">Items (payloads, records) one operation handles, where the class says.</param>
/// <param name="Notes">What a reader should know about the class in this profile (rows left to the full profile, say).</param>
/// <param name="Runtime">The runtime the class measured: null for .NET, "CPython" for the original exercises.</param>
/// <param name="Granularity">For a class that varies the size of equal items at a fixed total work: how to read it.</param>
public sealed record ClassRecord(string Type, string Question, QuestionKind Kind, double? Seconds, IdealTimeRecord? IdealTime, int? ItemsPerOperation, IReadOnlyList<string>? Notes, string? Runtime = null, GranularityRecord? Granularity = null)
{
    /// <summary>Gets a value indicating whether the class measured CPython, not .NET.</summary>
    public bool IsCPython => Runtime == CPythonRecord.RuntimeName;
}

/// <summary>
/// A class that splits a fixed total work into equal items of a size its parameter sets: the report gives, per row,
/// the smallest item size at which the row still pays.
/// </summary>
/// <param name="SizeParameter">The parameter that sets the work of one item.</param>
/// <param name="TotalWork">The work of one operation, in the parameter's unit: an operation has TotalWork / size items.</param>
/// <param name="Unit">What the parameter counts ("rounds").</param>
public sealed record GranularityRecord(string SizeParameter, double TotalWork, string Unit)
{
    /// <summary>The items of one operation at item size <paramref name="size"/>.</summary>
    /// <param name="size">The parameter's value.</param>
    public double ItemsAt(double size) => size > 0 ? TotalWork / size : double.NaN;
}

/// <summary>The CPython step of a run.</summary>
/// <param name="Status">Measured, or Skipped (see <paramref name="Reason"/>).</param>
/// <param name="Reason">Why the CPython rows were not measured.</param>
/// <param name="Implementation">The interpreter's implementation (CPython).</param>
/// <param name="Version">Its version.</param>
/// <param name="GilEnabled">Whether the global interpreter lock was enabled.</param>
/// <param name="FreeThreadedBuild">Whether the interpreter is a free-threaded build.</param>
/// <param name="StartMethod">multiprocessing's start method (fork, spawn, forkserver).</param>
/// <param name="Executable">The interpreter's path.</param>
/// <param name="Seconds">How long the step took.</param>
public sealed record CPythonRecord(BenchmarkStatus Status, string? Reason, string? Implementation, string? Version, bool? GilEnabled, bool? FreeThreadedBuild, string? StartMethod, string? Executable, double? Seconds)
{
    /// <summary>The runtime name of the CPython classes.</summary>
    public const string RuntimeName = "CPython";

    /// <summary>A step that did not run, with the reason.</summary>
    /// <param name="reason">Why.</param>
    public static CPythonRecord Skipped(string reason) => new(BenchmarkStatus.Skipped, reason, null, null, null, null, null, null, null);
}

/// <summary>How a class's results are read.</summary>
public enum QuestionKind
{
    /// <summary>Strategies on one workload against Sequential: speedup, efficiency, winners.</summary>
    StrategyComparison,

    /// <summary>Rows against a baseline row of their group (process starts, round trips, serialization).</summary>
    BaselineComparison,

    /// <summary>Transports moving payloads of several sizes: GB/s against an in-process floor.</summary>
    DataMovement,

    /// <summary>A process pool against in-process work at several compute intensities: where it breaks even.</summary>
    Crossover,
}

/// <summary>
/// What the Efficiency of a strategy comparison is measured against: one ideal per workload and parameters, the same
/// for every strategy.
/// </summary>
/// <param name="Model"><c>OneLatency</c> for waiting work (every call waits at once: one latency, read from the
/// <paramref name="LatencyParameter"/>, in milliseconds); <c>WorkOverCores</c> for computing work (the larger of the
/// total work over the cores and the largest item, from <paramref name="ItemCosts"/> and Sequential's time).</param>
/// <param name="LatencyParameter">The parameter that holds the latency, for <c>OneLatency</c>.</param>
/// <param name="Cores">The machine's logical cores.</param>
/// <param name="ItemCosts">The relative cost of each item, for <c>WorkOverCores</c>.</param>
/// <param name="CostUnit">What <paramref name="ItemCosts"/> count.</param>
public sealed record IdealTimeRecord(string Model, string? LatencyParameter, int Cores, IReadOnlyList<double>? ItemCosts, string? CostUnit)
{
    /// <summary>The waiting-work model.</summary>
    public const string OneLatency = "OneLatency";

    /// <summary>The computing-work model.</summary>
    public const string WorkOverCores = "WorkOverCores";
}

/// <summary>One benchmark case of the run.</summary>
/// <param name="Id">BenchmarkDotNet's full name of the case (what its JSON export calls FullName).</param>
/// <param name="Type">The class.</param>
/// <param name="Method">The method.</param>
/// <param name="Parameters">The parameters, in declaration order.</param>
/// <param name="Group">The logical group: the rows compared with one baseline.</param>
/// <param name="IsBaseline">Whether this is its group's baseline.</param>
/// <param name="Categories">Its categories.</param>
/// <param name="ComparedWith">The method of the same group this row is read against, when it is not the group's
/// baseline (a like-for-like floor).</param>
/// <param name="IsFloor">Whether the row is a floor to compare with (an in-process copy, /bin/true), not an option.</param>
/// <param name="Workers">How many items its strategy runs at once (One, PerItem, K, or a fixed count), for strategy comparisons.</param>
/// <param name="Waits">How its strategy waits: Blocking (a thread held), Async (no thread held) or Process (in a worker).</param>
/// <param name="BytesPerOperation">Bytes moved across the boundary per operation, for data movement.</param>
/// <param name="WireBytes">Encoded bytes per operation, for serialization.</param>
/// <param name="Status">Measured, failed or skipped.</param>
/// <param name="Reason">Why it was skipped or failed.</param>
/// <param name="Validation">How its answers were checked.</param>
/// <param name="Facts">Facts measured beside it.</param>
/// <param name="Beside">For a CPython row, the .NET row ("Class.Method") it is set beside.</param>
/// <param name="Order">The order its strategy hands out the items in, for computing work: "LargestFirst", or null for
/// list order.</param>
/// <param name="Role">What kind of row it is, for the rules that read rows across classes: <see cref="RowRoles"/>.</param>
/// <param name="ListOrderTwin">For a largest-first row, the method of the same strategy in list order.</param>
/// <param name="Inputs">What its parameters set, typed, for the rules: see <see cref="InputsRecord"/>.</param>
/// <param name="Transport">The transport its data crosses to another process (<see cref="Transports"/>), for
/// data-movement and copy-versus-compute rows.</param>
/// <param name="WorkerBuild">The build of the worker process a row starts (<see cref="WorkerBuilds"/>), for the rows that
/// start one per operation.</param>
/// <param name="Format">How a row encodes its records (<see cref="PayloadFormats"/>), for serialization rows.</param>
public sealed record BenchmarkRecord(
    string Id,
    string Type,
    string Method,
    IReadOnlyList<ParameterRecord> Parameters,
    string Group,
    bool IsBaseline,
    IReadOnlyList<string> Categories,
    string? ComparedWith,
    bool IsFloor,
    string? Workers,
    string? Waits,
    double? BytesPerOperation,
    long? WireBytes,
    BenchmarkStatus Status,
    string? Reason,
    ValidationRecord? Validation,
    FactsRecord? Facts,
    string? Beside = null,
    string? Order = null,
    string? Role = null,
    string? ListOrderTwin = null,
    InputsRecord? Inputs = null,
    string? Transport = null,
    string? WorkerBuild = null,
    string? Format = null)
{
    /// <summary>The <see cref="Order"/> of a row that runs its items largest first.</summary>
    public const string LargestFirstOrder = "LargestFirst";

    /// <summary>Gets a value indicating whether the row runs its items largest first.</summary>
    public bool IsLargestFirst => Order == LargestFirstOrder;

    /// <summary>Gets the parameters as "N=5, LatencyMs=50".</summary>
    public string ParameterText => string.Join(", ", Parameters.Select(p => $"{p.Name}={p.Value}"));

    /// <summary>The value of parameter <paramref name="name"/>; null when the case has none.</summary>
    /// <param name="name">The parameter's name.</param>
    public string? Parameter(string name) => Parameters.FirstOrDefault(p => p.Name == name)?.Value;

    /// <summary>Gets how another record names this case's method: "Type.Method" (as <see cref="Beside"/> does).</summary>
    public string Reference => $"{Type}.{Method}";

    /// <summary>
    /// Whether <paramref name="reference"/> names this case's method: "Type.Method" (<see cref="Beside"/>), or "Method"
    /// for a method of the same class (<see cref="ComparedWith"/>, <see cref="ListOrderTwin"/>). The one place a row is
    /// found by what another record calls it.
    /// </summary>
    /// <param name="reference">The reference.</param>
    public bool Matches(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return reference.Contains('.', StringComparison.Ordinal) ? reference == Reference : reference == Method;
    }
}

/// <summary>
/// What a case's parameters set, typed, for the report's rules: the benchmark side writes each from the parameter
/// that sets it, so that no rule reads a parameter by its name. Null where the case has no such parameter.
/// </summary>
/// <param name="Items">The items one operation runs (N): the calls that wait, the items fetched and computed.</param>
/// <param name="AtOnce">The most items a strategy bounded by K runs at once (K).</param>
/// <param name="PayloadBytes">The bytes of one payload.</param>
/// <param name="Passes">The checksum passes over each payload or item: the compute per byte.</param>
/// <param name="LatencyMilliseconds">The latency of one call, in milliseconds.</param>
public sealed record InputsRecord(int? Items = null, int? AtOnce = null, int? PayloadBytes = null, int? Passes = null, double? LatencyMilliseconds = null);

/// <summary>The transports a row's data can cross to another process (the suite's <c>TransportKind</c>, by name).</summary>
public static class Transports
{
    /// <summary>The worker's standard input and output.</summary>
    public const string Pipe = "Pipe";

    /// <summary>A Unix domain socket.</summary>
    public const string UnixSocket = "UnixSocket";

    /// <summary>Memory both processes map.</summary>
    public const string SharedMemory = "SharedMemory";
}

/// <summary>The builds of the worker process (the suite's <c>WorkerBuildKind</c>, by name).</summary>
public static class WorkerBuilds
{
    /// <summary>The worker run by the .NET runtime, compiled just in time: the runtime starts with it.</summary>
    public const string Jit = "Jit";

    /// <summary>The worker compiled ahead of time to a native executable (NativeAOT).</summary>
    public const string NativeAot = "NativeAot";
}

/// <summary>How a serialization row encodes its records (the suite's <c>PayloadFormat</c>, by name).</summary>
public static class PayloadFormats
{
    /// <summary>The records' bytes as they lie in memory, copied: the floor.</summary>
    public const string Raw = "Raw";

    /// <summary>A binary encoding.</summary>
    public const string Binary = "Binary";

    /// <summary>A text encoding (JSON): every number formatted and parsed.</summary>
    public const string Text = "Text";
}

/// <summary>One parameter of a benchmark case.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Value">Its value, invariant culture.</param>
public sealed record ParameterRecord(string Name, string Value);

/// <summary>What became of a benchmark case.</summary>
public enum BenchmarkStatus
{
    /// <summary>It ran, and every checked answer was right.</summary>
    Measured,

    /// <summary>It ran and failed, or gave a wrong answer.</summary>
    Failed,

    /// <summary>It was not run in this profile (see the reason).</summary>
    Skipped,
}

/// <summary>How a benchmark's answers were checked.</summary>
/// <param name="CheckedCalls">Calls whose answer was checked in the call itself.</param>
/// <param name="CheckedIterations">Iterations whose buffers were poisoned before and checked after.</param>
/// <param name="InvokedCalls">Calls BenchmarkDotNet made (every stage: jitting, pilot, warmup, actual).</param>
/// <param name="Iterations">Workload iterations BenchmarkDotNet ran (every stage).</param>
public sealed record ValidationRecord(long CheckedCalls, long CheckedIterations, long InvokedCalls, long Iterations)
{
    /// <summary>Gets a value indicating whether every call, or every iteration, was checked.</summary>
    public bool Complete => (CheckedCalls > 0 && CheckedCalls >= InvokedCalls) || (CheckedIterations > 0 && CheckedIterations >= Iterations);
}

/// <summary>Facts measured beside a benchmark, in its own process.</summary>
/// <param name="PeakThreads">The most threads the process had at once (sampled every 10 ms).</param>
/// <param name="PoolThreads">The thread pool's threads when the benchmark ended.</param>
/// <param name="Worker">The worker build the Process strategies ran on (NativeAOT or JIT).</param>
/// <param name="InjectedThreads">The threads the pool added beyond its count when the benchmark started.</param>
/// <param name="BytesAllocatedPerOperation">Bytes allocated per operation (MemoryDiagnoser, full profile).</param>
/// <param name="CompletedWorkItemsPerOperation">Thread-pool work items completed per operation (ThreadingDiagnoser, full profile).</param>
/// <param name="LockContentionsPerOperation">Lock contentions per operation (ThreadingDiagnoser, full profile).</param>
/// <param name="Cluster">A cluster row's set-up: its silos, time to ready and the items each silo ran.</param>
/// <param name="Cost">What the row cost beside its time, over the benchmark process and every process below it, per
/// launch (per trial in a trial run); null where it was not measured (no /proc).</param>
public sealed record FactsRecord(
    int? PeakThreads,
    int? PoolThreads,
    string? Worker,
    int? InjectedThreads = null,
    double? BytesAllocatedPerOperation = null,
    double? CompletedWorkItemsPerOperation = null,
    double? LockContentionsPerOperation = null,
    ClusterRecord? Cluster = null,
    CostRecord? Cost = null);

/// <summary>
/// What a row cost beside its time, over the benchmark process and every process below it (pool workers, silos, a
/// process per item), read from /proc when its measured iterations started and ended; one value per launch (per trial
/// in a trial run), in the order of its launches, null where a launch gave none.
/// </summary>
/// <param name="CpuUserNanosecondsPerOperation">User CPU time per operation, in nanoseconds of one core.</param>
/// <param name="CpuSystemNanosecondsPerOperation">System CPU time per operation, in nanoseconds of one core.</param>
/// <param name="PeakResidentBytes">The sum of each process's own peak resident set over the measured iterations (each
/// reset when they started): an upper bound of the tree's peak (the processes may have peaked at different moments);
/// processes that ended inside them are not counted.</param>
/// <param name="CpuTicks">The clock ticks (10 ms) of CPU time behind each launch's figures: where a launch has few, its
/// figure is a tick count over its operations, too coarse for an interval.</param>
/// <param name="VoluntarySwitchesPerOperation">Voluntary context switches per operation (a thread gave up its core to
/// wait): the benchmark process's every thread, ended ones included, and its waited-for children (getrusage inside it),
/// plus the live threads of the processes below it (<c>/proc/PID/task/TID/status</c>); null where not read.</param>
/// <param name="InvoluntarySwitchesPerOperation">Involuntary context switches per operation (a thread was preempted),
/// from the same sources.</param>
public sealed record CostRecord(
    IReadOnlyList<double?> CpuUserNanosecondsPerOperation,
    IReadOnlyList<double?> CpuSystemNanosecondsPerOperation,
    IReadOnlyList<double?>? PeakResidentBytes,
    IReadOnlyList<double?>? CpuTicks = null,
    IReadOnlyList<double?>? VoluntarySwitchesPerOperation = null,
    IReadOnlyList<double?>? InvoluntarySwitchesPerOperation = null)
{
    /// <summary>The fewest ticks a launch must read for its figure to enter an interval: 20 ticks, 200 ms of CPU, where
    /// rounding to a tick moves the figure by 5% at most.</summary>
    public const int MinTicksForAnInterval = 20;
}

/// <summary>A cluster row's set-up, before its measurement, and where its items ran.</summary>
/// <param name="Silos">The active silos when the cluster was ready.</param>
/// <param name="TimeToReadySeconds">From the first silo's start to the client's first answered call; the slowest
/// of the benchmark's launches (each launch starts its own cluster).</param>
/// <param name="ItemsPerSilo">The items each silo ran, by silo index, over every launch and iteration.</param>
/// <param name="Existing">Whether the row used an existing cluster (<c>--cluster-gateways</c>) instead of starting silos.</param>
public sealed record ClusterRecord(int Silos, double TimeToReadySeconds, IReadOnlyList<long> ItemsPerSilo, bool Existing);

/// <summary>The roles a row can have, written by the benchmark side so that no rule has to read a method's name.</summary>
public static class RowRoles
{
    /// <summary>A pool of persistent worker processes (started before the measurement), one item in flight per worker.</summary>
    public const string Pool = "Pool";

    /// <summary>A pool of persistent worker processes with more than one item in flight per worker (pipelined).</summary>
    public const string PipelinedPool = "PipelinedPool";

    /// <summary>A pool of persistent worker processes sent several items per request (chunks), pipelined.</summary>
    public const string ChunkedPool = "ChunkedPool";

    /// <summary>Whether <paramref name="role"/> is a pool of persistent workers, pipelined, chunked or neither.</summary>
    /// <param name="role">A row's role.</param>
    public static bool IsPool(string? role) => role is Pool or PipelinedPool or ChunkedPool;

    /// <summary>K dedicated threads in the benchmark process taking one item at a time from a shared queue: the
    /// schedule a plain <see cref="Pool"/> follows with K worker processes.</summary>
    public const string FixedThreads = "FixedThreads";

    /// <summary>A worker process started for each item.</summary>
    public const string ProcessPerItem = "ProcessPerItem";

    /// <summary>An Orleans cluster's grains.</summary>
    public const string Cluster = "Cluster";

    /// <summary>An Orleans cluster's grains, called with several items per call (chunks).</summary>
    public const string ChunkedCluster = "ChunkedCluster";

    /// <summary>Whether <paramref name="role"/> is an Orleans cluster's, chunked or not.</summary>
    /// <param name="role">A row's role.</param>
    public static bool IsCluster(string? role) => role is Cluster or ChunkedCluster;
}
