using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Kernel.Csv;

namespace Platform.Architecture.Tests;

/// <summary>
/// A request body (a register import may be 50 MiB) is read in pieces, never into one string: the control-character check,
/// the idempotency hash and the CSV parsers stream it, so one large upload costs a buffer, not the whole file twice in memory.
/// </summary>
public sealed partial class RequestBodyTests
{
    [GeneratedRegex(@"\bReadToEnd(Async)?\s*\(")]
    private static partial Regex ReadToEnd();

    [Fact]
    public void No_service_or_gateway_reads_a_whole_stream_into_one_string()
    {
        var offenders = Repository.SourceFiles("services", "gateway")
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(hit => ReadToEnd().IsMatch(hit.line))
            .Select(hit => $"{Path.GetRelativePath(Repository.Root, hit.path)}:{hit.index + 1}: {hit.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0,
            "Read the body in pieces (CsvReader.ReadAsync, PlainText.IsAllowedAsync):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public async Task The_text_check_in_pieces_keeps_a_surrogate_pair_across_two_pieces_and_finds_a_control_character_pieces_later()
    {
        var straddling = new string('a', PlainText.PieceLength - 1) + "😀" + new string('b', 3 * PlainText.PieceLength);

        Assert.True(await PlainText.IsAllowedAsync(new StringReader(straddling), CancellationToken.None));
        Assert.False(await PlainText.IsAllowedAsync(new StringReader(straddling + "\u0007"), CancellationToken.None));
        var loneAtTheEdge = new string('a', PlainText.PieceLength - 1) + "\ud800x";
        Assert.False(await PlainText.IsAllowedAsync(new StringReader(loneAtTheEdge), CancellationToken.None));
        Assert.False(await PlainText.IsAllowedAsync(new StringReader("x\ud800"), CancellationToken.None));
    }

    [Fact]
    public async Task Csv_records_read_in_pieces_keep_a_doubled_quote_and_a_line_break_that_straddle_two_pieces()
    {
        var filler = new string('f', CsvReader.PieceLength - "h\n1,\"say ".Length - 1);
        var text = $"h\n1,\"say {filler}\"\"hi\"\"\r\nnext\",2\n3,4";
        Assert.Equal('"', text[CsvReader.PieceLength - 1]);

        var records = await CsvReader.ReadAsync(new StringReader(text)).ToListAsync();

        Assert.Equal([1, 2, 4], records.Select(r => r.Line));
        Assert.Equal(["1", $"say {filler}\"hi\"\r\nnext", "2"], records[1].Fields);
        Assert.Equal(["3", "4"], records[2].Fields);
    }
}
