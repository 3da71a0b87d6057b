namespace ConcurrencyBench.Processes;

/// <summary>Which worker build to look for.</summary>
public enum WorkerFlavor
{
    /// <summary>The NativeAOT build when present, the JIT build otherwise.</summary>
    Preferred,

    /// <summary>The JIT build (a .NET assembly run by the dotnet host).</summary>
    Jit,

    /// <summary>The NativeAOT build (a native executable).</summary>
    NativeAot,
}

/// <summary>
/// Finds the worker program wherever the strategy runs: tests, <c>dotnet run</c>, and BenchmarkDotNet's generated
/// child process in its own folder. Environment variables override the search.
/// </summary>
public static class WorkerLocator
{
    /// <summary>The JIT worker: a path to ConcurrencyBench.Worker.dll (or its apphost).</summary>
    public const string JitVariable = "CONCURRENCYBENCH_WORKER";

    /// <summary>The NativeAOT worker: a path to the native ConcurrencyBench.Worker executable.</summary>
    public const string AotVariable = "CONCURRENCYBENCH_WORKER_AOT";

    /// <summary>Where <c>scripts/publish-worker-aot.sh</c> and the Release build put the NativeAOT worker, under the repository root.</summary>
    public const string AotPublishFolder = "artifacts/worker-aot";

    private const string AssemblyName = "ConcurrencyBench.Worker";

    /// <summary>Finds a worker of the given flavor. <see cref="WorkerFlavor.Preferred"/> takes the NativeAOT build when it is
    /// at least as new as the JIT build, the JIT build otherwise.</summary>
    /// <param name="flavor">Which build.</param>
    /// <exception cref="FileNotFoundException">No such worker was found; the message says how to provide one.</exception>
    public static WorkerLaunch Find(WorkerFlavor flavor = WorkerFlavor.Preferred) =>
        TryFind(flavor) ?? throw new FileNotFoundException(flavor == WorkerFlavor.NativeAot
            ? $"no NativeAOT worker found: run scripts/publish-worker-aot.sh, or set {AotVariable} to its path."
            : $"no worker found: build the solution (dotnet build -c Release), or set {JitVariable} to ConcurrencyBench.Worker.dll.");

    /// <summary>Finds a worker of the given flavor; null when there is none.</summary>
    /// <param name="flavor">Which build.</param>
    public static WorkerLaunch? TryFind(WorkerFlavor flavor = WorkerFlavor.Preferred) => flavor switch
    {
        WorkerFlavor.NativeAot => FindAot(),
        WorkerFlavor.Jit => FindJit(),
        _ => PreferredAot() ?? FindJit(),
    };

    // The AOT build, unless it is older than the JIT build beside it: a stale AOT worker would run yesterday's code.
    // A path pinned in the environment is taken as it is.
    private static WorkerLaunch? PreferredAot()
    {
        WorkerLaunch? aot = FindAot();
        if (aot is null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(AotVariable)))
        {
            return aot;
        }

        WorkerLaunch? jit = FindJit();
        return jit is not null && File.GetLastWriteTimeUtc(jit.Arguments[^1]) > File.GetLastWriteTimeUtc(aot.FileName) ? null : aot;
    }

    private static WorkerLaunch? FindAot()
    {
        string? path = Environment.GetEnvironmentVariable(AotVariable);
        if (string.IsNullOrEmpty(path))
        {
            path = Path.Combine(RepositoryRoot.Find(), AotPublishFolder, AssemblyName);
        }

        return File.Exists(path) ? new WorkerLaunch(Path.GetFullPath(path), [], IsNativeAot: true) : null;
    }

    private static WorkerLaunch? FindJit()
    {
        string? configured = Environment.GetEnvironmentVariable(JitVariable);
        IEnumerable<string> candidates = string.IsNullOrEmpty(configured)
            ? JitCandidates()
            : [configured];
        foreach (string candidate in candidates)
        {
            string dll = candidate.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? candidate : candidate + ".dll";
            if (File.Exists(dll))
            {
                return new WorkerLaunch(DotnetHost(), ["exec", Path.GetFullPath(dll)], IsNativeAot: false);
            }
        }

        return null;
    }

    private static IEnumerable<string> JitCandidates()
    {
        yield return Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll");
        string root = RepositoryRoot.Find();
        foreach (string configuration in new[] { "Release", "Debug" })
        {
            yield return Path.Combine(root, "src", AssemblyName, "bin", configuration, "net10.0", AssemblyName + ".dll");
        }
    }

    /// <summary>The host that runs this process, when it is the dotnet muxer; "dotnet" from the PATH otherwise.</summary>
    internal static string DotnetHost()
    {
        string? processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return processPath;
        }

        string? root = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, "dotnet")))
        {
            return Path.Combine(root, "dotnet");
        }

        // The runtime folder is <root>/shared/Microsoft.NETCore.App/<version>/; the muxer lives in <root>.
        string runtimeDir = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        string candidate = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", "..", "dotnet"));
        return File.Exists(candidate) ? candidate : "dotnet";
    }
}
