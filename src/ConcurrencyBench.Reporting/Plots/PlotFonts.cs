namespace ConcurrencyBench.Reporting.Plots;

/// <summary>
/// The font every plot uses: DejaVu Sans, shipped beside the assembly (Plots/Fonts, with its licence), because the
/// headless Skia renderer finds no system fonts on a bare machine and would draw no text at all.
/// </summary>
public static class PlotFonts
{
    /// <summary>The family name plots ask for.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lazy<bool> Registered = new(RegisterOnce);

    /// <summary>Gets the folder the font files are read from.</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Plots", "Fonts");

    /// <summary>Registers the shipped font with ScottPlot (once); throws when its files are missing.</summary>
    public static void Register() => _ = Registered.Value;

    private static bool RegisterOnce()
    {
        string regular = Path.Combine(Folder, "DejaVuSans.ttf");
        string bold = Path.Combine(Folder, "DejaVuSans-Bold.ttf");
        if (!File.Exists(regular) || !File.Exists(bold))
        {
            throw new FileNotFoundException($"the plots' font is missing from {Folder}: rebuild the project (it copies Plots/Fonts beside the assembly).");
        }

        ScottPlot.Fonts.AddFontFile(Family, regular);
        ScottPlot.Fonts.AddFontFile(Family, bold, bold: true);
        ScottPlot.Fonts.Default = Family;
        ScottPlot.Fonts.Sans = Family;
        return true;
    }
}
