using System.Text.Json.Serialization;
using MemoryPack;

namespace ConcurrencyBench.Benchmarks.Serialization;

/// <summary>One record of the serialization question: a few numbers and a short string, as a trade feed would carry.</summary>
[MemoryPackable]
public sealed partial record Trade
{
    /// <summary>Gets the trade id.</summary>
    public long Id { get; init; }

    /// <summary>Gets the price.</summary>
    public double Price { get; init; }

    /// <summary>Gets the quantity.</summary>
    public int Quantity { get; init; }

    /// <summary>Gets the ticker symbol (up to 8 ASCII characters).</summary>
    public string Symbol { get; init; } = "";

    /// <summary>Makes <paramref name="count"/> trades from a fixed seed.</summary>
    /// <param name="count">How many.</param>
    public static Trade[] Generate(int count)
    {
        string[] symbols = ["MSFT", "AAPL", "NVDA", "AMZN", "GOOGL", "META", "BRK.B", "TSLA"];
        var random = new Random(7);
        return [.. Enumerable.Range(0, count).Select(i => new Trade
        {
            Id = 1_000_000 + i,
            Price = Math.Round(random.NextDouble() * 1000, 2),
            Quantity = random.Next(1, 10_000),
            Symbol = symbols[random.Next(symbols.Length)],
        })];
    }
}

/// <summary>The source-generated System.Text.Json contract for <see cref="Trade"/> arrays (no reflection at run time).</summary>
[JsonSerializable(typeof(Trade[]))]
public sealed partial class TradeJsonContext : JsonSerializerContext;
