namespace ConcurrencyBench.Processes.Protocol;

/// <summary>One item's answer in a chunk response: its result payload, or its own failure.</summary>
/// <param name="Result">The result payload (a slice of the response); empty when the item failed.</param>
/// <param name="Error">The item's error in one printable line (the worker's exception type and message); null when it succeeded.</param>
internal readonly record struct ChunkItemAnswer(ReadOnlyMemory<byte> Result, string? Error);
