using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Parameters;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using ConcurrencyBench.Benchmarks.Infrastructure;
using ConcurrencyBench.Processes;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// Builds run.json from a finished run: the machine, the profile, each class's question and time, and, for every case
/// the run selected (measured, failed, or skipped with its reason), what BenchmarkDotNet's export does not say.
/// </summary>
internal static class RunRecordBuilder
{
    /// <summary>The whole of run.json, from every input of the run: nothing patches the record after this.</summary>
    /// <param name="inputs">What the run measured and recorded.</param>
    public static RunRecord Build(RunInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        (Profile profile, IReadOnlyList<Summary> summaries, IReadOnlyDictionary<BenchmarkCase, string> skipped) = (inputs.Profile, inputs.Summaries, inputs.Skipped);
        Summary? first = summaries.FirstOrDefault(s => s.BenchmarksCases.Length > 0);
        MachineRecord machine = Machine(first);
        // A case of a trial run is in several summaries (one per trial), as distinct BenchmarkCase objects: one record
        // per case name, from all of its reports; a case the profile skipped is skipped in every trial.
        var skippedByName = skipped.GroupBy(s => FullNameProvider.GetBenchmarkName(s.Key)).ToDictionary(g => g.Key, g => g.First());
        var cases = summaries.SelectMany(s => s.BenchmarksCases.Select(c => (Case: c, Report: s[c])))
            .Concat(skippedByName.Values.Select(s => (Case: s.Key, Report: (BenchmarkReport?)null)))
            .ToArray();
        var classes = new List<ClassRecord>();
        var benchmarks = new List<BenchmarkRecord>();
        foreach (IGrouping<Type, (BenchmarkCase Case, BenchmarkReport? Report)> type in cases.GroupBy(c => c.Case.Descriptor.Type)
            .OrderBy(t => t.Key.GetCustomAttribute<QuestionAttribute>(inherit: true)?.Order ?? int.MaxValue)
            .ThenBy(t => t.Key.Name, StringComparer.Ordinal))
        {
            Summary[] ofType = [.. summaries.Where(s => s.BenchmarksCases.Any(c => c.Descriptor.Type == type.Key))];
            double? seconds = ofType.Length == 0 ? null : ofType.Sum(s => s.TotalTime.TotalSeconds);
            classes.Add(Class(type.Key, seconds, machine.LogicalCores, skippedByName.Values.Where(s => s.Key.Descriptor.Type == type.Key).Select(s => s.Value)));
            foreach (var byName in type.GroupBy(c => FullNameProvider.GetBenchmarkName(c.Case)).OrderBy(g => g.First().Case, CaseOrder.Instance))
            {
                BenchmarkCase c = byName.First().Case;
                if (skippedByName.TryGetValue(byName.Key, out var skip) && byName.All(x => x.Report is null))
                {
                    benchmarks.Add(Record(c, BenchmarkStatus.Skipped, skip.Value, []));
                    continue;
                }

                BenchmarkReport[] reports = [.. byName.Select(x => x.Report).OfType<BenchmarkReport>()];
                BenchmarkReport? failed = reports.FirstOrDefault(r => !Succeeded(r));
                bool measured = reports.Length == byName.Count() && failed is null;
                benchmarks.Add(Record(c, measured ? BenchmarkStatus.Measured : BenchmarkStatus.Failed, measured ? null : failed is null ? "no report" : FailureReason(failed), reports));
            }
        }

        string job = first?.BenchmarksCases[0].Job.DisplayInfo ?? profile.Job.DisplayInfo;
        return new RunRecord
        {
            Suite = Suite(),
            Profile = new ProfileRecord(profile.Name, job, Reporting.Statistics.StatisticsSettings.Default.SignificanceLevel, Reporting.Statistics.StatisticsSettings.Default.ThresholdPercent, profile.IdealTimeBudget.TotalSeconds),
            Machine = machine,
            Started = inputs.Started,
            Ended = inputs.Ended,
            Classes = [.. classes, .. inputs.CPythonRun?.Classes ?? []],
            Benchmarks = [.. benchmarks, .. inputs.CPythonRun?.Benchmarks ?? []],
            Failures = inputs.Failures,
            CPython = inputs.CPython,
            CoreScaling = inputs.CoreScaling,
            StealPercent = inputs.StealPercent,
            TimerTickMilliseconds = inputs.TimerTickMilliseconds,
            Trials = inputs.Trials,
        };
    }

    /// <summary>Whether BenchmarkDotNet measured the case and every process it started exited cleanly.</summary>
    public static bool Succeeded(BenchmarkReport report) =>
        report.Success && report.ResultStatistics is not null && report.ExecuteResults.All(r => r.ExitCode is null or 0);

    /// <summary>The first exception line a failed benchmark process wrote (a wrong answer names the benchmark and the item).</summary>
    public static string FailureReason(BenchmarkReport report)
    {
        string? line = report.ExecuteResults
            .SelectMany(r => r.StandardOutput ?? [])
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.Contains("Exception: ", StringComparison.Ordinal) && !l.StartsWith("at ", StringComparison.Ordinal));
        if (line is not null)
        {
            return line[(line.IndexOf("Exception: ", StringComparison.Ordinal) + "Exception: ".Length)..];
        }

        int? exitCode = report.ExecuteResults.Select(r => r.ExitCode).LastOrDefault(c => c is not null and not 0);
        return exitCode is int code
            ? string.Create(CultureInfo.InvariantCulture, $"the benchmark process exited with code {code}; see its log")
            : "the benchmark produced no measurements; see its log";
    }

    private static ClassRecord Class(Type type, double? seconds, int cores, IEnumerable<string> skipReasons)
    {
        QuestionAttribute? question = type.GetCustomAttribute<QuestionAttribute>(inherit: true);
        IdealTimeAttribute? ideal = type.GetCustomAttribute<IdealTimeAttribute>(inherit: true);
        IdealTimeRecord? idealRecord = ideal?.Model switch
        {
            IdealTimeModel.Latency => new IdealTimeRecord(IdealTimeRecord.OneLatency, "LatencyMs", cores, null, null),
            IdealTimeModel.WorkOverCores => new IdealTimeRecord(IdealTimeRecord.WorkOverCores, null, cores, ItemCosts(type, ideal.ItemCosts), ideal.CostUnit),
            _ => null,
        };
        int cut = skipReasons.Count(r => r.StartsWith("left to the full profile", StringComparison.Ordinal));
        int never = skipReasons.Count(r => r.StartsWith("left out of every profile", StringComparison.Ordinal));
        var notes = new List<string>();
        if (question?.Note is string note)
        {
            notes.Add(note);
        }

        if (cut > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{cut} row(s) are left to the full profile in this profile because a cheaper row teaches the same; each is listed with its reason."));
        }

        if (never > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{never} row(s) are left out of every profile: each would take a large share of any run, and a cheaper row measures the same; each is listed with its reason."));
        }
        return new ClassRecord(
            type.Name,
            question?.Question ?? type.Name,
            question?.Kind ?? QuestionKind.BaselineComparison,
            seconds,
            idealRecord,
            question is { ItemsPerOperation: > 0 } q ? q.ItemsPerOperation : null,
            notes.Count > 0 ? notes : null,
            Granularity: question is { SizeParameter: string size, TotalWork: > 0 } g ? new GranularityRecord(size, g.TotalWork, g.SizeUnit ?? "units") : null);
    }

    private static IReadOnlyList<double>? ItemCosts(Type type, string? property) =>
        property is null ? null : type.GetProperty(property, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as IReadOnlyList<double>;

    // One case's record from its reports: one for a run of one pass, one per trial for a trial run.
    private static BenchmarkRecord Record(BenchmarkCase c, BenchmarkStatus status, string? reason, IReadOnlyList<BenchmarkReport> reports)
    {
        BenchmarkReport? report = reports.Count > 0 ? reports[0] : null;
        MethodInfo method = c.Descriptor.WorkloadMethod;
        ParameterRecord[] parameters = [.. c.Parameters.Items.Select(p => new ParameterRecord(p.Name, Convert.ToString(p.Value, CultureInfo.InvariantCulture) ?? ""))];
        string[] categories = [.. c.Descriptor.Categories];
        bool byCategory = c.Descriptor.Type.GetCustomAttributes<GroupBenchmarksByAttribute>(inherit: true)
            .Any(a => a.Config.GetLogicalGroupRules().Contains(BenchmarkLogicalGroupRule.ByCategory));
        string paramText = string.Join(", ", parameters.Select(p => $"{p.Name}={p.Value}"));
        string group = byCategory ? string.Join("+", categories.Where(cat => !Categories.All.Contains(cat))) + (paramText.Length > 0 ? ", " + paramText : "") : paramText;
        WaitKind? waits = method.GetCustomAttribute<WaitsAttribute>()?.Kind;
        BenchmarkFacts?[] facts = [.. reports.SelectMany(r => r.ExecuteResults).Select(r => BenchmarkFacts.Find(r.StandardOutput))];
        return new BenchmarkRecord(
            FullNameProvider.GetBenchmarkName(c),
            c.Descriptor.Type.Name,
            method.Name,
            parameters,
            group,
            c.Descriptor.Baseline,
            categories,
            method.GetCustomAttribute<ComparedWithAttribute>()?.Method,
            method.IsDefined(typeof(FloorAttribute)),
            method.GetCustomAttribute<WorkersAttribute>()?.RecordValue,
            waits?.ToString(),
            BytesPerOperation(c),
            c.Descriptor.Type == typeof(SerializationFormats) ? SerializationFormats.WireBytes(method.Name) : null,
            status,
            reason,
            report is null || facts.All(f => f is null) ? null : Validation(reports, facts),
            report is null ? null : new FactsRecord(
                facts.Max(f => f?.PeakThreads),
                facts.LastOrDefault(f => f?.PoolThreads is not null)?.PoolThreads,
                waits == WaitKind.Process || c.Descriptor.Categories.Contains(Categories.DataMovement) ? WorkerLocator.TryFind()?.Flavor : null,
                facts.Max(f => f?.InjectedThreads),
                report.BenchmarkCase.Config.HasMemoryDiagnoser() ? report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) : null,
                Metric(report, "CompletedWorkItem"),
                Metric(report, "LockContention"),
                ClusterOf(facts),
                CostOf(reports)),
            Order: method.IsDefined(typeof(LargestFirstAttribute)) ? BenchmarkRecord.LargestFirstOrder : null,
            Role: method.GetCustomAttribute<RoleAttribute>()?.Role,
            ListOrderTwin: method.GetCustomAttribute<LargestFirstAttribute>()?.ListOrder,
            Inputs: Inputs(c),
            Transport: method.GetCustomAttribute<TransportAttribute>()?.Kind.ToString(),
            WorkerBuild: method.GetCustomAttribute<WorkerBuildAttribute>()?.Kind.ToString(),
            Format: method.GetCustomAttribute<FormatAttribute>()?.Format.ToString());
    }

    // What the case's parameters set, from the parameters marked with what they set; null when none is marked.
    // Internal for its tests.
    internal static InputsRecord? Inputs(BenchmarkCase c)
    {
        var inputs = new InputsRecord();
        foreach (ParameterInstance p in c.Parameters.Items)
        {
            Input? input = c.Descriptor.Type.GetMember(p.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
                .Select(m => m.GetCustomAttribute<InputAttribute>()?.Input).FirstOrDefault(i => i is not null);
            inputs = input switch
            {
                Input.Items => inputs with { Items = Convert.ToInt32(p.Value, CultureInfo.InvariantCulture) },
                Input.AtOnce => inputs with { AtOnce = Convert.ToInt32(p.Value, CultureInfo.InvariantCulture) },
                Input.PayloadBytes => inputs with { PayloadBytes = Convert.ToInt32(p.Value, CultureInfo.InvariantCulture) },
                Input.Passes => inputs with { Passes = Convert.ToInt32(p.Value, CultureInfo.InvariantCulture) },
                Input.LatencyMilliseconds => inputs with { LatencyMilliseconds = Convert.ToDouble(p.Value, CultureInfo.InvariantCulture) },
                _ => inputs,
            };
        }

        return inputs == new InputsRecord() ? null : inputs;
    }

    // Each launch started its own cluster: the slowest start, and the items of every launch added up by silo.
    // Internal for its tests: a BenchmarkReport cannot be built outside BenchmarkDotNet.
    internal static ClusterRecord? ClusterOf(BenchmarkFacts?[] facts)
    {
        ClusterFacts[] clusters = [.. facts.Select(f => f?.Cluster).OfType<ClusterFacts>()];
        if (clusters.Length == 0)
        {
            return null;
        }

        int silos = clusters.Max(c => Math.Max(c.Silos, c.ItemsPerSilo.Count));
        return new ClusterRecord(
            clusters.Max(c => c.Silos),
            clusters.Max(c => c.TimeToReadyMilliseconds) / 1000,
            [.. Enumerable.Range(0, silos).Select(i => clusters.Sum(c => i < c.ItemsPerSilo.Count ? c.ItemsPerSilo[i] : 0))],
            clusters.Any(c => c.Existing));
    }

    // Each launch's (trial's) cost over the process tree, from ProcessTreeCostDiagnoser; null where none was read.
    private static CostRecord? CostOf(IReadOnlyList<BenchmarkReport> reports)
    {
        double?[] user = [.. reports.Select(r => Metric(r, CostMetric.CpuUser.Id))];
        double?[] system = [.. reports.Select(r => Metric(r, CostMetric.CpuSystem.Id))];
        double?[] peak = [.. reports.Select(r => Metric(r, CostMetric.PeakMemory.Id))];
        double?[] ticks = [.. reports.Select(r => Metric(r, CostMetric.CpuTicks.Id))];
        double?[] voluntary = [.. reports.Select(r => Metric(r, CostMetric.VoluntarySwitches.Id))];
        double?[] involuntary = [.. reports.Select(r => Metric(r, CostMetric.InvoluntarySwitches.Id))];
        return user.All(u => u is null) ? null : new CostRecord(
            user,
            system,
            peak.All(p => p is null) ? null : peak,
            ticks,
            voluntary.All(v => v is null) ? null : voluntary,
            involuntary.All(v => v is null) ? null : involuntary);
    }

    private static double? Metric(BenchmarkReport report, string idPart) =>
        report.Metrics.Values.FirstOrDefault(m => m.Descriptor.Id.Contains(idPart, StringComparison.Ordinal)) is { } metric && double.IsFinite(metric.Value) ? metric.Value : null;

    private static ValidationRecord Validation(IReadOnlyList<BenchmarkReport> reports, BenchmarkFacts?[] facts)
    {
        Measurement[] workload = [.. reports.SelectMany(r => r.AllMeasurements).Where(m => m.IterationMode == IterationMode.Workload && m.IterationStage != IterationStage.Result)];
        return new ValidationRecord(
            facts.Sum(f => f?.CheckedCalls ?? 0),
            facts.Sum(f => f?.CheckedIterations ?? 0),
            workload.Sum(m => m.Operations),
            workload.Length);
    }

    private static double? BytesPerOperation(BenchmarkCase c)
    {
        BytesMovedAttribute? moved = c.Descriptor.WorkloadMethod.GetCustomAttribute<BytesMovedAttribute>();
        return moved is not null && c.Parameters.Items.FirstOrDefault(p => p.Name == "PayloadBytes")?.Value is int bytes ? moved.PayloadMultiple * bytes : null;
    }

    private static MachineRecord Machine(Summary? summary)
    {
        var host = summary?.HostEnvironmentInfo ?? BenchmarkDotNet.Environments.HostEnvironmentInfo.GetCurrent();
        var cpu = host.Cpu.Value;
        long? memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes is long m and > 0 ? m : null;
        return new MachineRecord(
            cpu?.ProcessorName ?? "unknown CPU",
            cpu?.LogicalCoreCount ?? Environment.ProcessorCount,
            cpu?.PhysicalCoreCount,
            memory,
            host.Os.Value?.ToString() ?? Environment.OSVersion.ToString(),
            host.RuntimeVersion,
            host.Architecture);
    }

    private static SuiteRecord Suite()
    {
        string version = typeof(RunRecordBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        string root = RepositoryRoot.Find();
        string? commit = Git(root, "rev-parse", "HEAD") ?? RepositoryRoot.PackCommit();
        string? status = commit is null ? null : Git(root, "status", "--porcelain", "--untracked-files=no");
        return new SuiteRecord("ConcurrencyBench", version.Split('+')[0], commit, status is null ? null : status.Length > 0);
    }

    private static string? Git(string root, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = root };
            foreach (string arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            using Process process = Process.Start(info)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? output.GetAwaiter().GetResult().Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    // Cases of a class in the order of their parameters (numbers as numbers), then of their methods' declarations.
    private sealed class CaseOrder : IComparer<BenchmarkCase>
    {
        public static readonly CaseOrder Instance = new();

        public int Compare(BenchmarkCase? x, BenchmarkCase? y)
        {
            if (x is null || y is null)
            {
                return x is null ? (y is null ? 0 : -1) : 1;
            }

            var a = x.Parameters.Items;
            var b = y.Parameters.Items;
            for (int i = 0; i < Math.Min(a.Count, b.Count); i++)
            {
                int byValue = a[i].Value is IComparable ca && b[i].Value is not null && a[i].Value!.GetType() == b[i].Value!.GetType()
                    ? ca.CompareTo(b[i].Value)
                    : string.CompareOrdinal(Convert.ToString(a[i].Value, CultureInfo.InvariantCulture), Convert.ToString(b[i].Value, CultureInfo.InvariantCulture));
                if (byValue != 0)
                {
                    return byValue;
                }
            }

            return x.Descriptor.WorkloadMethod.MetadataToken.CompareTo(y.Descriptor.WorkloadMethod.MetadataToken);
        }
    }
}

/// <summary>Every input run.json is built from.</summary>
/// <param name="Profile">The profile that measured.</param>
/// <param name="Summaries">BenchmarkDotNet's summaries, one per class.</param>
/// <param name="Skipped">The cases the profile left out, with the reason.</param>
/// <param name="Started">When the run started.</param>
/// <param name="Ended">When it ended.</param>
/// <param name="Failures">What went wrong, one line each.</param>
/// <param name="CoreScaling">The cores' ceiling measured during the run, if any.</param>
/// <param name="StealPercent">The hypervisor's steal over the run, if known.</param>
/// <param name="TimerTickMilliseconds">The step of the timers' clock, if measured.</param>
/// <param name="CPython">The CPython step: its interpreter, or why it was skipped.</param>
/// <param name="CPythonRun">The CPython step's classes and benchmarks, when it ran.</param>
/// <param name="Trials">The trials and their orders, for a run of several trials.</param>
internal sealed record RunInputs(
    Profile Profile,
    IReadOnlyList<Summary> Summaries,
    IReadOnlyDictionary<BenchmarkCase, string> Skipped,
    DateTimeOffset Started,
    DateTimeOffset Ended,
    IReadOnlyList<string> Failures,
    CoreScalingRecord? CoreScaling,
    double? StealPercent,
    long? TimerTickMilliseconds,
    CPythonRecord CPython,
    CPythonRun? CPythonRun,
    TrialsRecord? Trials = null);
