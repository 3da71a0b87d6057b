using ConcurrencyBench.Ipc;

namespace ConcurrencyBench.Tests.Ipc;

public sealed class StreamingCopyTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(255, 0, 0)]
    [InlineData(256, 0, 0)]
    [InlineData(4096 + 77, 3, 29)]
    [InlineData((1 << 20) + 5, 31, 1)]
    [InlineData(StreamingCopy.Threshold + 1, 17, 0)]
    public void Copy_AnySizeAndAlignment_CopiesEveryByteAndTouchesNothingElse(int length, int sourceOffset, int destinationOffset)
    {
        byte[] source = new byte[length + sourceOffset];
        Checksum.Fill(source, seed: length);
        foreach (bool streamAlways in new[] { false, true })
        {
            byte[] destination = new byte[length + destinationOffset + 64];
            Array.Fill(destination, (byte)0xAB);
            ReadOnlySpan<byte> from = source.AsSpan(sourceOffset, length);
            Span<byte> to = destination.AsSpan(destinationOffset);

            if (streamAlways)
            {
                StreamingCopy.CopyNonTemporal(from, to);
            }
            else
            {
                StreamingCopy.Copy(from, to);
            }

            Assert.True(from.SequenceEqual(to[..length]));
            Assert.All(destination[..destinationOffset], b => Assert.Equal(0xAB, b));
            Assert.All(destination[(destinationOffset + length)..], b => Assert.Equal(0xAB, b));
        }
    }

    [Fact]
    public void CopyNonTemporal_DestinationShorterThanSource_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StreamingCopy.CopyNonTemporal(new byte[300], new byte[299]));
    }
}
