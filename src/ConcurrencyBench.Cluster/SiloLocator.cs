using System.Reflection;

namespace ConcurrencyBench.Cluster;

/// <summary>
/// Finds the silo program (ConcurrencyBench.Silo.dll) wherever the cluster is started: tests, <c>dotnet run</c>, and
/// BenchmarkDotNet's generated child process in its own folder. An environment variable overrides the search.
/// </summary>
internal static class SiloLocator
{
    /// <summary>A path to ConcurrencyBench.Silo.dll.</summary>
    public const string Variable = "CONCURRENCYBENCH_SILO";

    private const string AssemblyName = "ConcurrencyBench.Silo";

    /// <summary>Finds the silo program; <paramref name="configured"/> first when given.</summary>
    /// <exception cref="FileNotFoundException">No silo program was found; the message says how to provide one.</exception>
    public static string Find(string? configured = null)
    {
        foreach (string candidate in Candidates(configured))
        {
            if (File.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        throw new FileNotFoundException(
            $"no silo program found: build the solution (dotnet build -c Release), or set {Variable} (or ClusterStartOptions.SiloProgram) to {AssemblyName}.dll.");
    }

    private static IEnumerable<string> Candidates(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            yield return configured;
            yield break;
        }

        string? variable = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(variable))
        {
            yield return variable;
            yield break;
        }

        yield return Path.Combine(AppContext.BaseDirectory, AssemblyName + ".dll");
        // The silo's own output, in the configuration this library was built in first: a Release test run must not
        // start yesterday's Debug silo when its own exists.
        string root = RepositoryRoot.Find();
        string own = typeof(SiloLocator).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        foreach (string configuration in new[] { own, "Release", "Debug" }.Distinct(StringComparer.Ordinal))
        {
            yield return Path.Combine(root, "src", AssemblyName, "bin", configuration, "net10.0", AssemblyName + ".dll");
        }
    }
}
