using ConcurrencyBench.Benchmarks.Running;

return SuiteRunner.Run(args, Console.Out, Console.Error);
