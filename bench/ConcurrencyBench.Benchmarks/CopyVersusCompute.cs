using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Ipc;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// Where copying the data costs more than computing it: 8 payloads of PayloadBytes, each checksummed Passes times
/// (the compute per byte), in process (Sequential) or by a pool of K worker processes reached through each transport.
/// Speedup &gt; 1 means the pool wins; the run's crossover.md names, per transport and payload size, the compute per
/// byte at which the pool breaks even.
/// </summary>
[Question("Copy versus compute: at which compute per byte does a process pool stop losing to the copying?", QuestionKind.Crossover, Order = 6, ItemsPerOperation = Items)]
[BenchmarkCategory(Categories.DataMovement)]
[IterationTime(50)]
[QuickProfileCut(QuickProfileCutAttribute.AnyMethod, nameof(PayloadBytes), "the quick profile measures 1 MiB payloads, where the crossover already shows per transport; the full profile adds 64 KiB and 4 MiB", From = 1 << 16, To = 1 << 16)]
[QuickProfileCut(QuickProfileCutAttribute.AnyMethod, nameof(PayloadBytes), "the quick profile measures 1 MiB payloads, where the crossover already shows per transport; the full profile adds 64 KiB and 4 MiB", From = 1 << 22, To = 1 << 22)]
public class CopyVersusCompute
{
    /// <summary>The payloads per call.</summary>
    public const int Items = 8;

    private ReadOnlyMemory<byte>[] _payloads = [];
    private ulong[] _expected = [];
    private TransportPool? _pool;
    private AnswerCheck? _check;

    /// <summary>The size of each payload: 64 KiB, 1 MiB, 4 MiB.</summary>
    [Params(1 << 16, 1 << 20, 1 << 22), Input(Input.PayloadBytes)]
    public int PayloadBytes { get; set; }

    /// <summary>The compute per byte: checksum passes over each payload.</summary>
    [Params(1, 8, 64), Input(Input.Passes)]
    public int Passes { get; set; }

    /// <summary>The pool's workers: the cores of this machine.</summary>
    [ParamsSource(nameof(CoreCounts)), Input(Input.AtOnce)]
    public int K { get; set; }

    /// <summary>Gets the values of <see cref="K"/>.</summary>
    public static IEnumerable<int> CoreCounts => [Environment.ProcessorCount];

    /// <summary>Makes the payloads (fixed seeds) and their checksums, computed before anything is measured.</summary>
    [GlobalSetup(Target = nameof(Sequential))]
    public void CreatePayloads()
    {
        _payloads = new ReadOnlyMemory<byte>[Items];
        for (int i = 0; i < Items; i++)
        {
            byte[] payload = new byte[PayloadBytes];
            Checksum.Fill(payload, seed: i);
            _payloads[i] = payload;
        }

        _expected = [.. _payloads.Select(p => ReferenceChecksum.Passes(p.Span, Passes))];
    }

    /// <summary>Also starts K workers reached through pipes.</summary>
    [GlobalSetup(Target = nameof(ProcessPoolPipe))]
    public void StartPipePool() => StartPool(TransportKind.Pipe);

    /// <summary>Also starts K workers reached through Unix sockets.</summary>
    [GlobalSetup(Target = nameof(ProcessPoolUnixSocket))]
    public void StartSocketPool() => StartPool(TransportKind.UnixSocket);

    /// <summary>Also starts K workers reached through shared memory.</summary>
    [GlobalSetup(Target = nameof(ProcessPoolSharedMemory))]
    public void StartSharedMemoryPool() => StartPool(TransportKind.SharedMemory);

    /// <summary>Reports what was checked, then ends the pool.</summary>
    [GlobalCleanup]
    public void ReportAndStop()
    {
        try
        {
            if (_check is not null)
            {
                BenchmarkFacts.Report(_check);
            }
        }
        finally
        {
            _pool?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Every payload checksummed in process, one after another: nothing moves.</summary>
    [Benchmark(Baseline = true)]
    public ulong[] Sequential()
    {
        var sums = new ulong[Items];
        for (int i = 0; i < Items; i++)
        {
            sums[i] = Checksum.Compute(_payloads[i].Span, Passes);
        }

        Check(sums);
        return sums;
    }

    /// <summary>K workers; each payload crosses the worker's pipes.</summary>
    [Benchmark, Role(RowRoles.Pool), Transport(TransportKind.Pipe)]
    public Task<ulong[]> ProcessPoolPipe() => Measure();

    /// <summary>K workers; each payload crosses a Unix domain socket.</summary>
    [Benchmark, Role(RowRoles.Pool), Transport(TransportKind.UnixSocket)]
    public Task<ulong[]> ProcessPoolUnixSocket() => Measure();

    /// <summary>K workers; each payload is written once into memory the worker maps.</summary>
    [Benchmark, Role(RowRoles.Pool), Transport(TransportKind.SharedMemory)]
    public Task<ulong[]> ProcessPoolSharedMemory() => Measure();

    private async Task<ulong[]> Measure([CallerMemberName] string name = "")
    {
        ulong[] sums = await _pool!.ChecksumAllAsync(_payloads, Passes).ConfigureAwait(false);
        Check(sums, name);
        return sums;
    }

    // Every call's checksums against the ones computed in set-up.
    private void Check(ulong[] sums, [CallerMemberName] string name = "") =>
        (_check ??= new AnswerCheck(BenchmarkFacts.NameOf(this, name))).CallItems(_expected, sums);

    private void StartPool(TransportKind kind)
    {
        CreatePayloads();
        _pool = TransportPool.StartAsync(kind, K, PayloadBytes).GetAwaiter().GetResult();
    }
}
