using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Validation;
using Platform.Contracts.Events;
using Platform.Governance.Api.Infrastructure;
using Platform.Contracts.Kernel.Csv;
using Platform.Governance.Domain.Registry;

namespace Platform.Governance.Api.Registry;

public sealed record RegisterImportResult(int Rows, int BuildingsCreated, int UnitsCreated, int UnitsUnchanged, int OwnersCreated);

/// <summary>
/// Imports a community's register (units and their owners) from CSV. Every row is checked before
/// anything is written; one bad row rejects the whole file with its line number. Rows already in
/// the registry with the same data are left alone, so importing the same file twice changes nothing.
/// </summary>
public sealed class RegisterImport(GovernanceDbContext db, OwnerIdentityHasher hasher, TimeProvider time)
{
    public static readonly string[] Columns =
        ["building", "unit", "exclusive_area", "use", "area_source", "owner_kind", "owner_name", "owner_id_number", "owner_phone", "owned_since"];

    private sealed record Row(
        int Line, string Building, string Unit, decimal Area, UnitUse Use, AreaSource Source,
        OwnerKind OwnerKind, string OwnerName, string IdentityHash, string MaskedIdentity, string? Phone, DateOnly OwnedSince);

    public async Task<(RegisterImportResult? Result, ValidationErrors Errors)> ImportAsync(Guid communityId, TextReader csv, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var rows = await ParseAsync(csv, errors, ct);
        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var buildings = await db.Buildings.Where(b => b.CommunityId == communityId).ToDictionaryAsync(b => b.Number, ct);
        var units = await db.Units.Where(u => u.CommunityId == communityId).ToListAsync(ct);
        var unitsByKey = units.ToDictionary(u => (u.BuildingId, u.Number));
        var currentOwners = await db.Ownerships.Where(o => o.CommunityId == communityId && o.Until == null)
            .ToDictionaryAsync(o => o.UnitId, o => o.OwnerId, ct);
        var hashes = rows.Select(r => r.IdentityHash).Distinct().ToList();
        var owners = await db.Owners.Where(o => hashes.Contains(o.IdentityHash)).ToDictionaryAsync(o => o.IdentityHash, ct);

        // Second pass: rows that contradict what the registry holds.
        foreach (var row in rows)
        {
            if (!buildings.TryGetValue(row.Building, out var building) || !unitsByKey.TryGetValue((building.Id, row.Unit), out var unit))
            {
                continue;
            }

            if (!unit.SameAs(row.Area, row.Use, row.Source))
            {
                errors.Add(LineField(row.Line, "unit"), "import.unit_differs");
            }
            else if (!owners.TryGetValue(row.IdentityHash, out var owner) || currentOwners.GetValueOrDefault(unit.Id) != owner.Id)
            {
                errors.Add(LineField(row.Line, "owner_id_number"), "import.owner_differs");
            }
        }

        if (!errors.IsEmpty)
        {
            return (null, errors);
        }

        var now = time.GetUtcNow();
        int buildingsCreated = 0, unitsCreated = 0, ownersCreated = 0;
        foreach (var row in rows)
        {
            if (!buildings.TryGetValue(row.Building, out var building))
            {
                building = new Building(Guid.CreateVersion7(now), communityId, row.Building);
                db.Buildings.Add(building);
                buildings[row.Building] = building;
                buildingsCreated++;
            }

            if (unitsByKey.ContainsKey((building.Id, row.Unit)))
            {
                continue;
            }

            if (!owners.TryGetValue(row.IdentityHash, out var owner))
            {
                owner = new Owner(Guid.CreateVersion7(now), row.OwnerKind, row.OwnerName, row.IdentityHash, row.MaskedIdentity, row.Phone);
                db.Owners.Add(owner);
                owners[row.IdentityHash] = owner;
                ownersCreated++;
            }

            var unit = UnitRegistration.Register(db, communityId, building.Id, building.Number, row.Unit, row.Area, row.Use, row.Source, owner, row.OwnedSince, now);
            unitsByKey[(building.Id, row.Unit)] = unit;
            unitsCreated++;
        }

        await db.SaveChangesAsync(ct);
        return (new RegisterImportResult(rows.Count, buildingsCreated, unitsCreated, rows.Count - unitsCreated, ownersCreated), errors);
    }

    private async Task<List<Row>> ParseAsync(TextReader csv, ValidationErrors errors, CancellationToken ct)
    {
        var rows = new List<Row>();
        await using var records = CsvReader.ReadAsync(csv, ct).GetAsyncEnumerator(ct);
        if (!await records.MoveNextAsync())
        {
            errors.Add("file", "import.empty");
            return rows;
        }

        var header = records.Current.Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
        var index = Columns.ToDictionary(column => column, column => header.IndexOf(column));
        foreach (var missing in index.Where(pair => pair.Value < 0))
        {
            errors.Add(missing.Key, "import.unknown_column");
        }

        if (!errors.IsEmpty)
        {
            return rows;
        }

        var firstLineOfUnit = new Dictionary<(string, string), int>();
        while (await records.MoveNextAsync())
        {
            var record = records.Current;
            string Field(string column) => index[column] < record.Fields.Count ? record.Fields[index[column]].Trim() : "";
            var lineErrors = new ValidationErrors();
            string F(string column) => LineField(record.Line, column);

            var building = Field("building");
            var unit = Field("unit");
            lineErrors.Required(F("building"), building, 50).Required(F("unit"), unit, 50);

            decimal? area = decimal.TryParse(Field("exclusive_area"), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsedArea) ? parsedArea : null;
            if (area is null && Field("exclusive_area").Length > 0)
            {
                lineErrors.Add(F("exclusive_area"), "error.invalid_format");
            }
            else
            {
                RegistryRules.ValidateArea(lineErrors, F("exclusive_area"), area);
            }

            var use = ParseEnum<UnitUse>(Field("use"), F("use"), lineErrors);
            var source = ParseEnum<AreaSource>(Field("area_source"), F("area_source"), lineErrors);
            var kind = ParseEnum<OwnerKind>(Field("owner_kind"), F("owner_kind"), lineErrors);
            var ownerName = Field("owner_name");
            lineErrors.Required(F("owner_name"), ownerName);
            var identity = Field("owner_id_number");
            RegistryRules.ValidateIdentity(lineErrors, F("owner_id_number"), kind, identity);
            var phone = Field("owner_phone");
            RegistryRules.ValidatePhone(lineErrors, F("owner_phone"), kind, phone);
            DateOnly? since = DateOnly.TryParseExact(Field("owned_since"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedSince) ? parsedSince : null;
            if (since is null)
            {
                lineErrors.Add(F("owned_since"), Field("owned_since").Length == 0 ? "error.required" : "error.invalid_format");
            }
            else if (!PlausibleDates.Contains(since.Value))
            {
                lineErrors.Add(F("owned_since"), "error.out_of_range", PlausibleDates.Earliest.ToString("O"), PlausibleDates.Latest.ToString("O"));
            }

            if (building.Length > 0 && unit.Length > 0 && !firstLineOfUnit.TryAdd((building, unit), record.Line))
            {
                lineErrors.Add(F("unit"), "import.duplicate_row", firstLineOfUnit[(building, unit)]);
            }

            if (!lineErrors.IsEmpty)
            {
                errors.AddRange(lineErrors);
                continue;
            }

            var normalized = RegistryRules.NormalizeIdentity(kind!.Value, identity);
            rows.Add(new Row(record.Line, building, unit, area!.Value, use!.Value, source!.Value, kind.Value, ownerName,
                hasher.Hash(normalized), RegistryRules.MaskIdentity(kind.Value, normalized), phone.Length == 0 ? null : phone, since!.Value));
        }

        if (rows.Count == 0 && errors.IsEmpty)
        {
            errors.Add("file", "import.empty");
        }

        return rows;
    }

    public static string LineField(int line, string column) => $"line {line}: {column}";

    /// <summary>Accepts "parking_space", "ParkingSpace" or "parkingspace".</summary>
    private static TEnum? ParseEnum<TEnum>(string value, string field, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (value.Length == 0)
        {
            errors.Add(field, "error.required");
            return null;
        }

        // Letters only: Enum.TryParse would also take "3" as a value.
        if (!value.All(c => char.IsAsciiLetter(c) || c == '_')
            || !Enum.TryParse<TEnum>(value.Replace("_", ""), ignoreCase: true, out var parsed))
        {
            errors.Add(field, "error.unknown_value");
            return null;
        }

        return parsed;
    }
}
