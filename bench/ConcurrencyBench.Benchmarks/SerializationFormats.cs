using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Serialization;
using ConcurrencyBench.Reporting.Results;
using MemoryPack;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// What turning records into bytes and back costs before they can cross a process boundary: 1,000 trades encoded and
/// decoded as raw struct memory, as System.Text.Json (source-generated) and with MemoryPack. Mean is per record
/// (OperationsPerInvoke); the WireBytes column gives the encoded size of all 1,000, to multiply by a transport's GB/s.
/// </summary>
/// <remarks>
/// The decoded records are checked after every iteration (the field that receives them is poisoned before it); the
/// encoded size is checked on every call.
/// </remarks>
[Question("Serialization: what does turning records into bytes and back cost, per format?", QuestionKind.BaselineComparison, Order = 5, ItemsPerOperation = Records)]
[BenchmarkCategory(Categories.DataMovement)]
[PilotWithIterationSetup]
public class SerializationFormats
{
    /// <summary>The records per operation.</summary>
    public const int Records = 1000;

    private Trade[] _trades = [];
    private TradeWire[] _wire = [];
    private Trade[]? _decoded;
    private Dictionary<string, int> _wireBytes = [];
    private AnswerCheck? _check;

    /// <summary>Makes the records (fixed seed), their raw form and the size each format gives them.</summary>
    [GlobalSetup]
    public void CreateRecords()
    {
        _trades = Trade.Generate(Records);
        _wire = [.. _trades.Select(TradeWire.From)];
        _wireBytes = new[] { nameof(RawBytes), nameof(SystemTextJson), nameof(MemoryPack) }.ToDictionary(m => m, m => WireBytes(m)!.Value);
    }

    /// <summary>Poisons the decoded records before an iteration (not measured).</summary>
    [IterationSetup]
    public void PoisonDecoded() => _decoded = null;

    /// <summary>Checks after an iteration that its last call gave back every record (not measured).</summary>
    [IterationCleanup]
    public void CheckDecoded()
    {
        AnswerCheck.ThrowIfWrong(_check?.Benchmark ?? nameof(SerializationFormats), _trades, _decoded);
        _check!.Iteration(true, "the decoded records");
    }

    /// <summary>Reports what was checked to the runner.</summary>
    [GlobalCleanup]
    public void ReportFacts()
    {
        if (_check is not null)
        {
            BenchmarkFacts.Report(_check);
        }
    }

    /// <summary>The struct array's memory copied to bytes and back: the floor (fixed layout, no encoding).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Records), Floor, Format(PayloadFormat.Raw)]
    public int RawBytes()
    {
        byte[] bytes = EncodeRaw(_wire);
        TradeWire[] back = MemoryMarshal.Cast<byte, TradeWire>(bytes).ToArray();
        _decoded = [.. back.Select(w => w.ToTrade())];
        return Encoded(bytes.Length);
    }

    /// <summary>System.Text.Json with a source-generated contract, to UTF-8 and back.</summary>
    [Benchmark(OperationsPerInvoke = Records), Format(PayloadFormat.Text)]
    public int SystemTextJson()
    {
        byte[] bytes = EncodeJson(_trades);
        _decoded = JsonSerializer.Deserialize(bytes, TradeJsonContext.Default.TradeArray);
        return Encoded(bytes.Length);
    }

    /// <summary>MemoryPack (source-generated binary) to bytes and back.</summary>
    [Benchmark(OperationsPerInvoke = Records), Format(PayloadFormat.Binary)]
    public int MemoryPack()
    {
        byte[] bytes = EncodeMemoryPack(_trades);
        _decoded = MemoryPackSerializer.Deserialize<Trade[]>(bytes);
        return Encoded(bytes.Length);
    }

    /// <summary>The encoded size of <see cref="Records"/> trades in each format, for the WireBytes column.</summary>
    /// <param name="method">The benchmark method.</param>
    public static int? WireBytes(string method)
    {
        Trade[] trades = Trade.Generate(Records);
        return method switch
        {
            nameof(RawBytes) => EncodeRaw([.. trades.Select(TradeWire.From)]).Length,
            nameof(SystemTextJson) => EncodeJson(trades).Length,
            nameof(MemoryPack) => EncodeMemoryPack(trades).Length,
            _ => null,
        };
    }

    // Every call's encoded size against the size computed in set-up.
    private int Encoded(int length, [CallerMemberName] string method = "")
    {
        (_check ??= new AnswerCheck(BenchmarkFacts.NameOf(this, method))).Call(_wireBytes[method], length);
        return length;
    }

    private static byte[] EncodeRaw(TradeWire[] wire) => MemoryMarshal.AsBytes(wire.AsSpan()).ToArray();

    private static byte[] EncodeJson(Trade[] trades) => JsonSerializer.SerializeToUtf8Bytes(trades, TradeJsonContext.Default.TradeArray);

    private static byte[] EncodeMemoryPack(Trade[] trades) => MemoryPackSerializer.Serialize(trades);
}
