using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Fees.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class DisclosuresMismatchesAndShortfallCovers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "covers_period",
                table: "public_income_entries",
                type: "character varying(7)",
                maxLength: 7,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "disclosures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    is_quarterly = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    published_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disclosures", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "price_quality_mismatches",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    community_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fee_standard_id = table.Column<Guid>(type: "uuid", nullable: false),
                    use = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    rate_fen = table.Column<long>(type: "bigint", nullable: false),
                    star_level = table.Column<int>(type: "integer", nullable: false),
                    band_year = table.Column<int>(type: "integer", nullable: false),
                    band_lowest_fen = table.Column<long>(type: "bigint", nullable: false),
                    band_highest_fen = table.Column<long>(type: "bigint", nullable: false),
                    flagged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_price_quality_mismatches", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_disclosures_community_id_period_version",
                table: "disclosures",
                columns: new[] { "community_id", "period", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_price_quality_mismatches_community_id_flagged_at",
                table: "price_quality_mismatches",
                columns: new[] { "community_id", "flagged_at" });

            migrationBuilder.CreateIndex(
                name: "ix_price_quality_mismatches_fee_standard_id_star_level_band_ye",
                table: "price_quality_mismatches",
                columns: new[] { "fee_standard_id", "star_level", "band_year" },
                unique: true);

            // A published disclosure and a mismatch flag are records of what was said and when: never changed or deleted.
            migrationBuilder.Sql("""
                CREATE TRIGGER disclosures_append_only BEFORE UPDATE OR DELETE ON disclosures
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_money_record();
                CREATE TRIGGER price_quality_mismatches_append_only BEFORE UPDATE OR DELETE ON price_quality_mismatches
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_money_record();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER disclosures_append_only ON disclosures;
                DROP TRIGGER price_quality_mismatches_append_only ON price_quality_mismatches;
                """);

            migrationBuilder.DropTable(
                name: "disclosures");

            migrationBuilder.DropTable(
                name: "price_quality_mismatches");

            migrationBuilder.DropColumn(
                name: "covers_period",
                table: "public_income_entries");
        }
    }
}
