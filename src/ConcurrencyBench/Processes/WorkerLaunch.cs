namespace ConcurrencyBench.Processes;

/// <summary>How to start a worker: the program, its arguments, and which build it is.</summary>
/// <param name="FileName">The program to start.</param>
/// <param name="Arguments">Its arguments.</param>
/// <param name="IsNativeAot">Whether it is the NativeAOT build.</param>
public sealed record WorkerLaunch(string FileName, IReadOnlyList<string> Arguments, bool IsNativeAot)
{
    /// <summary>Gets the build, as reports show it: "NativeAOT" or "JIT".</summary>
    public string Flavor => IsNativeAot ? "NativeAOT" : "JIT";

    /// <inheritdoc />
    public override string ToString() => $"{Flavor} worker {FileName} {string.Join(' ', Arguments)}".TrimEnd();
}
