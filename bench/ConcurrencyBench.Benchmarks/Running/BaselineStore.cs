using System.Text.RegularExpressions;
using ConcurrencyBench.Reporting.Results;

namespace ConcurrencyBench.Benchmarks.Running;

/// <summary>
/// Named baselines for <c>compare</c>, as criterion's <c>--save-baseline</c> / <c>--baseline</c>: a results folder's
/// own files (run.json, the exports, CPython's files, REPORT.md) copied under <c>results/baselines/NAME/</c>, so that a
/// later run is compared with "main" or "before-the-change" without keeping the folder's path.
/// </summary>
internal static partial class BaselineStore
{
    /// <summary>Gets where baselines are kept: results/baselines in the repository.</summary>
    public static string DefaultRoot => Path.Combine(RepositoryRoot.Find(), "results", "baselines");

    /// <summary>Copies the results folder <paramref name="folder"/> as baseline <paramref name="name"/> (replacing one of that name).</summary>
    /// <param name="name">The baseline's name: letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit.</param>
    /// <param name="folder">A results folder the suite wrote (it is read whole first: a folder that cannot be compared is refused).</param>
    /// <param name="root">Where baselines are kept.</param>
    /// <returns>The baseline's folder.</returns>
    /// <exception cref="UsageException">The name is not a plain name.</exception>
    /// <exception cref="ResultsException">The folder is not a readable results folder, or holds a link.</exception>
    public static string Save(string name, string folder, string root)
    {
        RequireName(name);
        RunResults.Load(folder);
        string source = Path.GetFullPath(folder);
        string target = Path.Combine(root, name);
        Directory.CreateDirectory(root);
        // Staged beside the target and moved into place whole: an interrupted save leaves no half baseline.
        string staging = Path.Combine(root, $".{name}.{Guid.NewGuid():N}.saving");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (string file in Directory.GetFiles(source).Where(IsRunFile))
            {
                if (new FileInfo(file).LinkTarget is not null)
                {
                    throw new ResultsException($"{file} is a link: a results folder holds the files themselves; copy them in and save again.");
                }

                File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
            }

            if (Directory.Exists(target))
            {
                string old = Path.Combine(root, $".{name}.{Guid.NewGuid():N}.old");
                Directory.Move(target, old);
                Directory.Move(staging, target);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(staging, target);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return target;
    }

    /// <summary>The folder of baseline <paramref name="name"/>.</summary>
    /// <param name="name">The baseline's name.</param>
    /// <param name="root">Where baselines are kept.</param>
    /// <exception cref="UsageException">The name is not a plain name, or there is no such baseline.</exception>
    public static string PathOf(string name, string root)
    {
        RequireName(name);
        string folder = Path.Combine(root, name);
        return Directory.Exists(folder)
            ? folder
            : throw new UsageException($"no baseline named '{name}' in {root}: save one first with compare --save-baseline {name} DIR.");
    }

    private static void RequireName(string name)
    {
        if (!PlainName().IsMatch(name ?? ""))
        {
            throw new UsageException($"'{name}' is not a baseline name: use letters, digits, '.', '_' or '-' (at most 64, starting with a letter or digit), for example main.");
        }
    }

    // The files that make a results folder readable, and its report for people.
    private static bool IsRunFile(string path)
    {
        string file = Path.GetFileName(path);
        return file is RunResults.RunFileName or CPythonRun.FileName or "REPORT.md" || file.EndsWith("-report-full.json", StringComparison.Ordinal);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex PlainName();
}
