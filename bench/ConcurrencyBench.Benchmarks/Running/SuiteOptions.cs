namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>Thrown for a command line the suite cannot run: the message is the one line the user sees.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>The suite's own options; everything else goes to BenchmarkDotNet.</summary>
public sealed class SuiteOptions
{
    private SuiteOptions(Profile profile, string? outDirectory, IReadOnlyList<string> benchmarkDotNetArgs)
    {
        Profile = profile;
        OutDirectory = outDirectory;
        BenchmarkDotNetArgs = benchmarkDotNetArgs;
    }

    /// <summary>Gets the profile (<c>--profile quick|full</c>, quick by default).</summary>
    public Profile Profile { get; }

    /// <summary>Gets the results folder given with <c>--out</c>; null for the default.</summary>
    public string? OutDirectory { get; }

    /// <summary>Gets the arguments left for BenchmarkDotNet.</summary>
    public IReadOnlyList<string> BenchmarkDotNetArgs { get; }

    /// <summary>Gets a value indicating whether BenchmarkDotNet is asked only to list or explain, not to run.</summary>
    public bool IsInformational => BenchmarkDotNetArgs.Any(a =>
        new[] { "--list", "--help", "-h", "-?", "--version", "--info" }.Any(name => a.Equals(name, StringComparison.OrdinalIgnoreCase) || a.StartsWith(name + "=", StringComparison.OrdinalIgnoreCase)));

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
        var rest = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (TryTakeValue(args, ref i, "--profile", out string? profileName))
            {
                profile = Profile.Find(profileName)
                    ?? throw new UsageException($"unknown profile '{profileName}': use --profile quick or --profile full.");
            }
            else if (TryTakeValue(args, ref i, "--out", out string? outValue))
            {
                outDirectory = outValue;
            }
            else
            {
                rest.Add(arg);
            }
        }

        return new SuiteOptions(profile, outDirectory, rest);
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

    private static string Usage(string name) => name == "--profile" ? "--profile quick|full" : "--out DIR";

    private bool HasOption(params string[] names) =>
        BenchmarkDotNetArgs.Any(a => names.Any(n => a.Equals(n, StringComparison.OrdinalIgnoreCase) || a.StartsWith(n + "=", StringComparison.OrdinalIgnoreCase)));
}
