using System.Globalization;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Kernel.Csv;

namespace Platform.Funds.Api.Reconciliation;

/// <summary>One movement on the dedicated account as the bank reports it: positive into the account, negative out of it.</summary>
public sealed record StatementLine(DateOnly Date, string Reference, long AmountFen);

/// <summary>Reads the bank's statement: CSV with the header <c>date,reference,amountFen</c> (UTF-8), at most <see cref="MaxLines"/> lines.</summary>
public static class BankStatement
{
    public const int MaxLines = 20_000;

    public static async Task<IReadOnlyList<StatementLine>> ReadAsync(TextReader csv, ValidationErrors errors, CancellationToken ct)
    {
        var lines = new List<StatementLine>();
        var count = 0;
        await using var records = CsvReader.ReadAsync(csv, ct).GetAsyncEnumerator(ct);
        string[] header = ["date", "reference", "amountFen"];
        if (!await records.MoveNextAsync() || !records.Current.Fields.Select(f => f.Trim()).SequenceEqual(header))
        {
            errors.Add("statement", "error.statement_header");
            return [];
        }

        var lineErrors = new ValidationErrors();
        while (await records.MoveNextAsync())
        {
            if (++count > MaxLines)
            {
                // Refused whole, without reading further or naming the lines' own errors: the statement is to be split.
                errors.Add("statement", "error.too_many_items", MaxLines);
                return [];
            }

            var record = records.Current;
            var field = $"lines[{record.Line}]";
            if (record.Fields.Count != 3)
            {
                lineErrors.Add(field, "error.malformed");
                continue;
            }

            var date = DateOnly.TryParseExact(record.Fields[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : (DateOnly?)null;
            var amount = long.TryParse(record.Fields[2].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a) && a != 0 ? a : (long?)null;
            var reference = record.Fields[1].Trim();
            if (date is null)
            {
                lineErrors.Add($"{field}.date", "error.invalid_format");
            }
            else if (!PlausibleDates.Contains(date.Value))
            {
                lineErrors.Add($"{field}.date", "error.out_of_range",
                    PlausibleDates.Earliest.ToString("O"), PlausibleDates.Latest.ToString("O"));
                date = null;
            }

            if (amount is null)
            {
                lineErrors.Add($"{field}.amountFen", "error.invalid_format");
            }

            lineErrors.Required($"{field}.reference", reference, 100);
            if (date is not null && amount is not null && reference.Length is > 0 and <= 100)
            {
                lines.Add(new StatementLine(date.Value, reference, amount.Value));
            }
        }

        errors.AddRange(lineErrors);
        if (lines.Count == 0 && errors.IsEmpty)
        {
            errors.Add("statement", "error.required");
        }

        return lines;
    }
}
