namespace ConcurrencyBench.Workloads;

/// <summary>The inputs of the prime-check workload.</summary>
public static class PrimeNumbers
{
    /// <summary>
    /// The 20 classic numbers: primes and composites up to about 10^16, whose trial division takes
    /// from one step to 5 * 10^7 divisions.
    /// </summary>
    public static IReadOnlyList<ulong> Classic { get; } =
    [
        2,
        142702110479723,
        299593572317531,
        3333333333333301,
        3333333333333333,
        3333335652092209,
        4444444444444423,
        4444444444444444,
        4444444488888889,
        5555553133149889,
        5555555555555503,
        5555555555555555,
        6666666666666666,
        6666666666666719,
        6666667141414921,
        7777777536340681,
        7777777777777753,
        7777777777777777,
        9999999999999917,
        9999999999999999,
    ];
}
