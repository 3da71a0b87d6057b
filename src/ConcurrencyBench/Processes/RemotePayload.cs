using System.Buffers;

namespace ConcurrencyBench.Processes;

/// <summary>Checks on request payloads inside a worker.</summary>
internal static class RemotePayload
{
    public static void Require(ReadOnlySequence<byte> payload, int length, string workloadId)
    {
        if (payload.Length != length)
        {
            throw new ArgumentException($"a {workloadId} request carries {length} bytes, not {payload.Length}", nameof(payload));
        }
    }
}
