using System.Runtime.InteropServices;
using System.Text;

namespace ConcurrencyBench.Benchmarks.Serialization;

/// <summary>
/// The raw-bytes form of a <see cref="Trade"/>: a fixed 32-byte unmanaged struct (the symbol in 8 ASCII bytes), sent
/// as its memory with <see cref="MemoryMarshal"/>: no encoding at all, at the price of a fixed layout.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
public struct TradeWire
{
    /// <summary>The trade id.</summary>
    public long Id;

    /// <summary>The price.</summary>
    public double Price;

    /// <summary>The quantity.</summary>
    public int Quantity;

    /// <summary>Padding, written as zero.</summary>
    public int Reserved;

    /// <summary>The symbol, ASCII, zero-padded.</summary>
    public ulong Symbol;

    /// <summary>Converts a trade (its symbol must fit in 8 ASCII bytes).</summary>
    /// <param name="trade">The trade.</param>
    public static TradeWire From(Trade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        Span<byte> symbol = stackalloc byte[8];
        symbol.Clear();
        if (Encoding.ASCII.GetBytes(trade.Symbol, symbol) != trade.Symbol.Length)
        {
            throw new ArgumentException($"symbol '{trade.Symbol}' does not fit in 8 ASCII bytes", nameof(trade));
        }

        return new TradeWire { Id = trade.Id, Price = trade.Price, Quantity = trade.Quantity, Symbol = MemoryMarshal.Read<ulong>(symbol) };
    }

    /// <summary>Converts back to a trade.</summary>
    public readonly Trade ToTrade()
    {
        Span<byte> symbol = stackalloc byte[8];
        MemoryMarshal.Write(symbol, in Symbol);
        int length = symbol.IndexOf((byte)0);
        return new Trade { Id = Id, Price = Price, Quantity = Quantity, Symbol = Encoding.ASCII.GetString(length < 0 ? symbol : symbol[..length]) };
    }
}
