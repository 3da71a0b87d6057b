namespace ConcurrencyBench.Reporting.Results;

/// <summary>A results folder that cannot be read: the message is the one line the user sees.</summary>
/// <param name="message">What is wrong and what to do.</param>
public sealed class ResultsException(string message) : Exception(message);
