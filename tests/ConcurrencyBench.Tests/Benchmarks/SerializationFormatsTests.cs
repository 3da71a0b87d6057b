using ConcurrencyBench.Benchmarks;
using Infrastructure = ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Benchmarks.Serialization;

namespace ConcurrencyBench.Tests.Benchmarks;

public sealed class SerializationFormatsTests
{
    [Theory]
    [InlineData(nameof(SerializationFormats.RawBytes))]
    [InlineData(nameof(SerializationFormats.SystemTextJson))]
    [InlineData(nameof(SerializationFormats.MemoryPack))]
    public void EveryFormat_RoundTripsEveryRecordAndReportsItsSize(string format)
    {
        var benchmark = new SerializationFormats();
        benchmark.CreateRecords();
        benchmark.PoisonDecoded();

        int bytes = format switch
        {
            nameof(SerializationFormats.RawBytes) => benchmark.RawBytes(),
            nameof(SerializationFormats.SystemTextJson) => benchmark.SystemTextJson(),
            _ => benchmark.MemoryPack(),
        };

        benchmark.CheckDecoded();
        Assert.Equal(bytes, SerializationFormats.WireBytes(format));
    }

    [Fact]
    public void CheckDecoded_NoCallSincePoisoned_FailsTheIteration()
    {
        var benchmark = new SerializationFormats();
        benchmark.CreateRecords();
        benchmark.RawBytes();
        benchmark.PoisonDecoded();

        Assert.Throws<Infrastructure.WrongResultException>(benchmark.CheckDecoded);
    }

    [Fact]
    public void RawForm_HasAFixedLayoutAndRefusesLongSymbols()
    {
        Assert.Equal(32, System.Runtime.CompilerServices.Unsafe.SizeOf<TradeWire>());
        var trade = new Trade { Id = 1, Price = 2.5, Quantity = 3, Symbol = "BRK.B" };
        Assert.Equal(trade, TradeWire.From(trade).ToTrade());
        Assert.Throws<ArgumentException>(() => TradeWire.From(trade with { Symbol = "TOOLONGSYM" }));
    }
}
