using ConcurrencyBench.Benchmarks.Infrastructure;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>Thrown for a command line the suite cannot run: the message is the one line the user sees.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>An existing Orleans cluster for the cluster rows.</summary>
/// <param name="Gateways">Its silos' gateway endpoints.</param>
/// <param name="ClusterId">Its cluster id.</param>
/// <param name="ServiceId">Its service id.</param>
public sealed record ExistingCluster(IReadOnlyList<System.Net.IPEndPoint> Gateways, string ClusterId, string ServiceId)
{
    /// <summary>Passes the cluster to the benchmark processes (they inherit this process's environment).</summary>
    public void Export()
    {
        Environment.SetEnvironmentVariable(ClusterRows.GatewaysVariable, string.Join(',', Gateways.Select(g => g.ToString())));
        Environment.SetEnvironmentVariable(ClusterRows.ClusterIdVariable, ClusterId);
        Environment.SetEnvironmentVariable(ClusterRows.ServiceIdVariable, ServiceId);
    }
}

/// <summary>The suite's own options; everything else goes to BenchmarkDotNet.</summary>
public sealed class SuiteOptions
{
    /// <summary>The most trials one run may ask for.</summary>
    public const int MaxTrials = 100;

    private SuiteOptions(Profile profile, string? outDirectory, IReadOnlyList<string> benchmarkDotNetArgs, bool noCPython, bool inProcess, ExistingCluster? cluster, int? trials, int? seed, bool noCost)
    {
        NoCost = noCost;
        Seed = seed;
        Cluster = cluster;
        Profile = profile;
        OutDirectory = outDirectory;
        BenchmarkDotNetArgs = benchmarkDotNetArgs;
        NoCPython = noCPython;
        InProcess = inProcess;
        // A job named on the command line replaces the profile's launches and iterations, and its trials with them.
        Trials = trials ?? (inProcess || HasJob ? 1 : profile.Trials);
    }

    /// <summary>
    /// Gets a value indicating whether <c>--in-process</c> asked to run every benchmark inside this process
    /// (BenchmarkDotNet's in-process toolchain): for a machine with a .NET runtime but no SDK to build the usual
    /// child process. The classes then share one process, so JIT and thread-pool state carry over between them.
    /// </summary>
    public bool InProcess { get; }

    /// <summary>
    /// Gets the trials (<c>--trials N</c>; by default the profile's, and 1 when <c>--job</c> or <c>--in-process</c>
    /// replaces its launches): in each, every selected case runs once in its own launch, in a fresh random order over
    /// the whole selection, so that a slow minute of the machine falls on many rows instead of deciding one.
    /// </summary>
    public int Trials { get; }

    /// <summary>Gets the seed of the trials' orders (<c>--seed S</c>); null to draw one (the run records it).</summary>
    public int? Seed { get; }

    /// <summary>Gets the existing cluster that <c>--cluster-gateways</c> named for the cluster rows; null to start silos here.</summary>
    public ExistingCluster? Cluster { get; }

    /// <summary>
    /// Gets a value indicating whether <c>--no-cost</c> turned the cost readings off (CPU time and peak memory over the
    /// process tree): to show, with an interleaved comparison, that reading them does not change the times.
    /// </summary>
    public bool NoCost { get; }

    /// <summary>Gets a value indicating whether <c>--no-cpython</c> turned the CPython step off.</summary>
    public bool NoCPython { get; }

    /// <summary>Gets a value indicating whether the run includes the CPython step: the whole suite, unless turned off.</summary>
    public bool RunsCPython => CPythonSkipReason is null;

    /// <summary>Gets why the run has no CPython step; null when it has one.</summary>
    public string? CPythonSkipReason =>
        NoCPython ? "turned off with --no-cpython"
        : HasOption("--filter", "-f", "--anyCategories", "--allCategories") ? "a filter chose part of the suite; the CPython exercises run with the whole suite"
        : null;

    /// <summary>Gets the profile (<c>--profile quick|full</c>, quick by default).</summary>
    public Profile Profile { get; }

    /// <summary>Gets the results folder given with <c>--out</c>; null for the default.</summary>
    public string? OutDirectory { get; }

    /// <summary>Gets the arguments left for BenchmarkDotNet.</summary>
    public IReadOnlyList<string> BenchmarkDotNetArgs { get; }

    /// <summary>Gets a value indicating whether BenchmarkDotNet is asked only to list or describe, not to run.</summary>
    public bool IsInformational => HasOption("--list", "--info");

    /// <summary>Gets a value indicating whether the suite's help is asked for (<c>--help</c> or <c>-?</c>).</summary>
    public bool WantsHelp => HasOption("--help", "-?");

    /// <summary>Gets a value indicating whether the suite's version is asked for.</summary>
    public bool WantsVersion => HasOption("--version");

    /// <summary>The suite's own options, for <c>--help</c>.</summary>
    public const string Help = """
        ConcurrencyBench: which concurrency model for which work, measured.

        Usage:
          dotnet run -c Release --project bench/ConcurrencyBench.Benchmarks [-- OPTIONS]
          dotnet run -c Release --project bench/ConcurrencyBench.Benchmarks -- report [DIR]

        The suite's options:
          --profile quick|full   quick (default): the whole suite in three trials, about 15 minutes on 2 cores;
                                 full: three trials of more samples, every row, about two hours (see README).
          --out DIR              where the reports go (default: results/latest under the repository root).
          --in-process           run the benchmarks inside this process (BenchmarkDotNet's in-process toolchain),
                                 for a machine with a .NET runtime but no SDK; the job's name says so in every report.
          --cluster-gateways H:P[,H:P...]
                                 run the cluster rows on an existing Orleans cluster through these silo gateways
                                 instead of starting silos on this machine (see README, "A cluster on other hosts");
          --cluster-id ID        its cluster id (default concurrencybench); --service-id ID its service id (same default).
          --trials N             run the selection N times (the profile's 3 by default; 1 with --job or --in-process),
                                 each trial every case once in its own launch,
                                 in a fresh random order over every class (randomized interleaved trials); a row's
                                 trials are its launches, and its intervals cover the spread between them.
          --seed S               the seed of the trials' orders (default: drawn, and recorded in run.json).
          --no-cpython           leave out the original exercises in CPython (they run with the whole suite when
                                 python3 is on the PATH: once per trial at a random point of it, about 11 s each).
          --no-cost              leave out the cost readings (CPU time and peak memory of the process tree per
                                 row), to check that reading them does not change the times.
          report [DIR]           rebuild REPORT.md, summary.md/.csv and crossover.md/.csv of a stored results folder
                                 from its run.json and full JSON exports (default: results/latest); runs nothing.
          --help, -?             this text, then BenchmarkDotNet's options.
          --version              the suite's version.

        Exit codes: 0 every benchmark ran and every answer was right; 1 a benchmark failed or gave a wrong answer;
        2 a bad option or an unwritable --out (nothing ran).

        BenchmarkDotNet's options (--filter, --list, --job, --anyCategories, ...) pass through, but for those that would
        break the reports, refused with what to use instead: --artifacts/-a (use --out), --join (trials interleave
        every class already), --exporters/-e, --inProcess/-i (use --in-process) and --profiler/-p:
        """;

    /// <summary>Gets a value indicating whether a job was given on the command line (it then replaces the profile's).</summary>
    public bool HasJob => HasOption("--job", "-j");

    /// <summary>Gets a value indicating whether a filter was given on the command line.</summary>
    public bool HasFilter => HasOption("--filter", "-f");

    /// <summary>Separates the suite's options from BenchmarkDotNet's.</summary>
    /// <param name="args">The command line.</param>
    /// <exception cref="UsageException">An option of the suite lacks its value or has an impossible one.</exception>
    public static SuiteOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        Profile profile = Profile.Quick;
        string? outDirectory = null;
        bool noCPython = false;
        bool noCost = false;
        bool inProcess = false;
        string? gateways = null;
        string clusterId = "concurrencybench";
        string serviceId = "concurrencybench";
        int? trials = null;
        int? seed = null;
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (string.Equals(arg, "--no-cpython", StringComparison.OrdinalIgnoreCase))
            {
                noCPython = true;
            }
            else if (string.Equals(arg, "--no-cost", StringComparison.OrdinalIgnoreCase))
            {
                noCost = true;
            }
            else if (string.Equals(arg, "--in-process", StringComparison.OrdinalIgnoreCase))
            {
                inProcess = true;
            }
            else if (TryTakeValue(args, ref i, "--profile", out string? profileName))
            {
                profile = Profile.Find(profileName)
                    ?? throw new UsageException($"unknown profile '{profileName}': use --profile quick or --profile full.");
            }
            else if (TryTakeValue(args, ref i, "--out", out string? outValue))
            {
                outDirectory = outValue;
            }
            else if (TryTakeValue(args, ref i, "--trials", out string? trialsValue))
            {
                trials = int.TryParse(trialsValue, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int t) && t is >= 1 and <= MaxTrials
                    ? t
                    : throw new UsageException($"--trials '{trialsValue}' is not a whole number from 1 to {MaxTrials}: use --trials N.");
            }
            else if (TryTakeValue(args, ref i, "--seed", out string? seedValue))
            {
                seed = int.TryParse(seedValue, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int s)
                    ? s
                    : throw new UsageException($"--seed '{seedValue}' is not a whole number: use --seed S (a 32-bit integer).");
            }
            else if (TryTakeValue(args, ref i, "--cluster-gateways", out string? gatewaysValue))
            {
                gateways = gatewaysValue;
            }
            else if (TryTakeValue(args, ref i, "--cluster-id", out string? clusterIdValue))
            {
                clusterId = clusterIdValue;
            }
            else if (TryTakeValue(args, ref i, "--service-id", out string? serviceIdValue))
            {
                serviceId = serviceIdValue;
            }
            else
            {
                rest.Add(arg);
            }
        }

        ExistingCluster? cluster = null;
        if (gateways is not null)
        {
            cluster = ClusterRows.ParseGateways(gateways) is { } endpoints
                ? new ExistingCluster(endpoints, clusterId, serviceId)
                : throw new UsageException($"--cluster-gateways '{gateways}' is not a list of host:port (for example 10.0.0.5:30000,10.0.0.6:30000) whose hosts resolve.");
        }

        RefusedBenchmarkDotNetOptions.Check(rest);
        if (trials > 1 && inProcess)
        {
            throw new UsageException("--trials needs a launch per case and trial; --in-process runs everything in one process: drop one of them.");
        }

        return new SuiteOptions(profile, outDirectory, rest, noCPython, inProcess, cluster, trials, seed, noCost);
    }

    private static bool TryTakeValue(IReadOnlyList<string> args, ref int i, string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        string arg = args[i];
        if (arg.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase))
        {
            value = arg[(name.Length + 1)..];
        }
        else if (string.Equals(arg, name, StringComparison.OrdinalIgnoreCase))
        {
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"option {name} needs a value: {Usage(name)}.");
            }

            value = args[++i];
        }
        else
        {
            value = null;
            return false;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException($"option {name} needs a value: {Usage(name)}.");
        }

        return true;
    }

    private static string Usage(string name) => name switch
    {
        "--profile" => "--profile quick|full",
        "--cluster-gateways" => "--cluster-gateways HOST:PORT[,HOST:PORT...]",
        "--cluster-id" => "--cluster-id ID",
        "--service-id" => "--service-id ID",
        "--trials" => "--trials N",
        "--seed" => "--seed S",
        _ => "--out DIR",
    };

    private bool HasOption(params string[] names) =>
        BenchmarkDotNetArgs.Any(a => names.Any(n => a.Equals(n, StringComparison.OrdinalIgnoreCase) || a.StartsWith(n + "=", StringComparison.OrdinalIgnoreCase)));
}
