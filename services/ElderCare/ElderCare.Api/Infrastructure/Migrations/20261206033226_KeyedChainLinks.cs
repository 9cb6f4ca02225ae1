using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.ElderCare.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class KeyedChainLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "chain_key_id",
                table: "sensitive_access_log",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "chain_key_id",
                table: "audit_entries",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            // The access log was keyed before the other chains, under a key derived from the index key: its entries name it now,
            // as every keyed link names its key (the host configures it under this id). The migration runs as the tables' owner.
            migrationBuilder.Sql("""
                ALTER TABLE sensitive_access_log DISABLE TRIGGER sensitive_access_log_append_only;
                UPDATE sensitive_access_log SET chain_key_id = 'eldercare-access-log-v1' WHERE hash IS NOT NULL;
                ALTER TABLE sensitive_access_log ENABLE TRIGGER sensitive_access_log_append_only;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "chain_key_id",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "chain_key_id",
                table: "audit_entries");
        }
    }
}
