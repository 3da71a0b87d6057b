using System.Globalization;
using System.Text;

namespace ConcurrencyBench.Processes.Protocol;

/// <summary>
/// Text from the other side of the protocol made fit for an exception message: one line, bounded, nothing a terminal
/// would act on. A worker's words are data: a newline, an escape sequence or a direction override in them must not
/// reshape the parent's output.
/// </summary>
internal static class PrintableText
{
    /// <summary>Control and format characters become '?' (a tab a space); text past <paramref name="maxLength"/> is cut and marked.</summary>
    /// <param name="text">The text as received.</param>
    /// <param name="maxLength">The most characters kept.</param>
    public static string OneLine(ReadOnlySpan<char> text, int maxLength)
    {
        bool cut = text.Length > maxLength;
        ReadOnlySpan<char> kept = cut ? text[..maxLength] : text;
        var line = new StringBuilder(kept.Length + 1);
        foreach (char c in kept)
        {
            line.Append(c switch
            {
                '\t' => ' ',
                _ when char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format => '?',
                _ => c,
            });
        }

        return cut ? line.Append('…').ToString() : line.ToString();
    }
}
