namespace ConcurrencyBench.Service;

/// <summary>What the API answers for one call.</summary>
public static class ApiResponse
{
    /// <summary>"data-{index}", padded with dots to <paramref name="bytes"/> characters when that is longer.</summary>
    /// <param name="index">The call.</param>
    /// <param name="bytes">The response size asked for.</param>
    public static string Body(int index, int bytes)
    {
        string data = "data-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return data.Length >= bytes ? data : data.PadRight(bytes, '.');
    }
}
