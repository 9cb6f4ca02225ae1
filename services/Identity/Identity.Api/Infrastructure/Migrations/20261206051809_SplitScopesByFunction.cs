using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Identity.Api.Infrastructure.Migrations
{
    /// <summary>
    /// Scopes split by function (docs/identity.md): each client registered before keeps what it did, under the new
    /// scope, and gains nothing it could not do before. Stored sorted and without duplicates, as the code stores them.
    /// No ClientScopesChanged event: no service keeps a copy of clients' scopes, and tokens carry them for 15 minutes.
    /// </summary>
    public partial class SplitScopesByFunction : Migration
    {
        /// <summary>(organisation type, scope held before, scope that does the same now, whether the old one stays).</summary>
        private static readonly (string Type, string From, string To, bool Keep)[] Moves =
        [
            ("property-company", "governance.write", "governance.problems", false),
            ("property-company", "parking.write", "parking.gates", true),
            ("housing", "governance.write", "governance.problems", true),
            ("township", "governance.write", "governance.problems", true),
            ("parking-operator", "parking.write", "parking.gates", false),
            ("natural-resources", "parking.write", "parking.ownership", false),
            ("development-reform", "parking.write", "parking.price-caps", false),
            ("development-reform", "fees.write", "fees.standards", false),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (type, from, to, keep) in Moves)
            {
                var scopes = keep ? $"scopes || '{to}'::text" : $"array_replace(scopes, '{from}', '{to}')";
                migrationBuilder.Sql($"UPDATE clients SET scopes = {scopes} WHERE organisation_type = '{type}' AND '{from}' = ANY(scopes);");
            }

            migrationBuilder.Sql("""
                UPDATE clients SET scopes = sorted.scopes
                FROM (SELECT id, ARRAY(SELECT scope FROM (SELECT DISTINCT unnest(scopes) AS scope) AS held ORDER BY scope COLLATE "C") AS scopes
                      FROM clients) AS sorted
                WHERE clients.id = sorted.id AND clients.scopes IS DISTINCT FROM sorted.scopes;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (type, from, to, keep) in Enumerable.Reverse(Moves))
            {
                var scopes = keep ? $"array_remove(scopes, '{to}')" : $"array_replace(scopes, '{to}', '{from}')";
                migrationBuilder.Sql($"UPDATE clients SET scopes = {scopes} WHERE organisation_type = '{type}' AND '{to}' = ANY(scopes);");
            }
        }
    }
}
