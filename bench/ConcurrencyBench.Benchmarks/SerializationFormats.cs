using System.Runtime.InteropServices;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Serialization;
using MemoryPack;

namespace ConcurrencyBench.Benchmarks;

/// <summary>
/// What turning records into bytes and back costs before they can cross a process boundary: 1,000 trades encoded and
/// decoded as raw struct memory, as System.Text.Json (source-generated) and with MemoryPack. Mean is per record
/// (OperationsPerInvoke); the WireBytes column gives the encoded size of all 1,000, to multiply by a transport's GB/s.
/// </summary>
[BenchmarkCategory(Categories.DataMovement)]
public class SerializationFormats
{
    /// <summary>The records per operation.</summary>
    public const int Records = 1000;

    private Trade[] _trades = [];
    private TradeWire[] _wire = [];
    private Trade[]? _decoded;

    /// <summary>Makes the records (fixed seed) and their raw form.</summary>
    [GlobalSetup]
    public void CreateRecords()
    {
        _trades = Trade.Generate(Records);
        _wire = [.. _trades.Select(TradeWire.From)];
    }

    /// <summary>Checks that the last decoding gave back every record.</summary>
    [GlobalCleanup]
    public void CheckRoundTrip() => ResultCheck.ThrowIfWrong(nameof(SerializationFormats), _trades, _decoded);

    /// <summary>The struct array's memory copied to bytes and back: the floor (fixed layout, no encoding).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int RawBytes()
    {
        byte[] bytes = EncodeRaw(_wire);
        TradeWire[] back = MemoryMarshal.Cast<byte, TradeWire>(bytes).ToArray();
        _decoded = [.. back.Select(w => w.ToTrade())];
        return bytes.Length;
    }

    /// <summary>System.Text.Json with a source-generated contract, to UTF-8 and back.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int SystemTextJson()
    {
        byte[] bytes = EncodeJson(_trades);
        _decoded = JsonSerializer.Deserialize(bytes, TradeJsonContext.Default.TradeArray);
        return bytes.Length;
    }

    /// <summary>MemoryPack (source-generated binary) to bytes and back.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int MemoryPack()
    {
        byte[] bytes = EncodeMemoryPack(_trades);
        _decoded = MemoryPackSerializer.Deserialize<Trade[]>(bytes);
        return bytes.Length;
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

    private static byte[] EncodeRaw(TradeWire[] wire) => MemoryMarshal.AsBytes(wire.AsSpan()).ToArray();

    private static byte[] EncodeJson(Trade[] trades) => JsonSerializer.SerializeToUtf8Bytes(trades, TradeJsonContext.Default.TradeArray);

    private static byte[] EncodeMemoryPack(Trade[] trades) => MemoryPackSerializer.Serialize(trades);
}
