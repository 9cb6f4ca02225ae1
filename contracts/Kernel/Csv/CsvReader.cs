using System.Runtime.CompilerServices;
using System.Text;

namespace Platform.Contracts.Kernel.Csv;

/// <summary>One CSV record and the line of the file it starts on (1 = the header).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 reader for files exported from spreadsheets and banks (registers, statements): quoted fields with doubled quotes and
/// line breaks inside, CRLF or LF, an optional UTF-8 byte-order mark; blank lines are skipped. It reads the text in pieces of
/// <see cref="PieceLength"/> characters and holds only the record being read, so an upload never sits in memory as one string.
/// </summary>
public static class CsvReader
{
    public const int PieceLength = 4096;

    public static async IAsyncEnumerable<CsvRecord> ReadAsync(
        TextReader reader, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var parser = new Parser();
        var piece = new char[PieceLength];
        int read;
        while ((read = await reader.ReadAsync(piece, cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (parser.Accept(piece[i]) is { } record)
                {
                    yield return record;
                }
            }
        }

        if (parser.Finish() is { } last)
        {
            yield return last;
        }
    }

    /// <summary>The state between two characters: a doubled quote inside quotes is told from a closing one by the next character.</summary>
    private sealed class Parser
    {
        private readonly List<string> _fields = [];
        private readonly StringBuilder _field = new();
        private int _line = 1;
        private int _recordLine = 1;
        private bool _inQuotes;
        private bool _quoteInQuotes;
        private bool _fieldStarted;

        public CsvRecord? Accept(char c)
        {
            if (_quoteInQuotes)
            {
                _quoteInQuotes = false;
                if (c == '"')
                {
                    _field.Append('"');
                    return null;
                }

                _inQuotes = false;
            }
            else if (_inQuotes)
            {
                if (c == '"')
                {
                    _quoteInQuotes = true;
                    return null;
                }

                if (c == '\n')
                {
                    _line++;
                }

                _field.Append(c);
                return null;
            }

            switch (c)
            {
                case '"' when _field.Length == 0:
                    _inQuotes = true;
                    _fieldStarted = true;
                    return null;
                case ',':
                    _fields.Add(_field.ToString());
                    _field.Clear();
                    _fieldStarted = true;
                    return null;
                case '\r':
                    return null;
                case '\n':
                    var record = Take();
                    _line++;
                    _recordLine = _line;
                    return record;
                case '\uFEFF' when _line == 1 && _fields.Count == 0 && _field.Length == 0:
                    return null;
                default:
                    _field.Append(c);
                    return null;
            }
        }

        public CsvRecord? Finish() => Take();

        private CsvRecord? Take()
        {
            CsvRecord? record = null;
            if (_fieldStarted || _field.Length > 0 || _fields.Count > 0)
            {
                _fields.Add(_field.ToString());
                record = new CsvRecord(_recordLine, _fields.ToArray());
            }

            _fields.Clear();
            _field.Clear();
            _fieldStarted = false;
            return record;
        }
    }
}
