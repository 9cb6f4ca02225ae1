using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.Funds.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class KeyedChainLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "chain_key_id",
                table: "journal_transactions",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "chain_key_id",
                table: "audit_entries",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "chain_key_id",
                table: "journal_transactions");

            migrationBuilder.DropColumn(
                name: "chain_key_id",
                table: "audit_entries");
        }
    }
}
