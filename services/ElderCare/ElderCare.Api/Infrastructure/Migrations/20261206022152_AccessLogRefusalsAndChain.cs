using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.ElderCare.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class AccessLogRefusalsAndChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Refused reads join the log (issue 18, item 7), and the log is chained per actor. Entries written before this
            // were all granted reads and keep no link: their hash would need the key, which the database never holds.
            migrationBuilder.AlterColumn<string>(
                name: "purpose",
                table: "sensitive_access_log",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30);

            migrationBuilder.AddColumn<string>(
                name: "client_id",
                table: "sensitive_access_log",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "endpoint",
                table: "sensitive_access_log",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "sensitive_access_log",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "outcome",
                table: "sensitive_access_log",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                defaultValue: "Granted");

            migrationBuilder.AddColumn<string>(
                name: "person",
                table: "sensitive_access_log",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "position",
                table: "sensitive_access_log",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "previous_hash",
                table: "sensitive_access_log",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "refusal_reason",
                table: "sensitive_access_log",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                table: "sensitive_access_log",
                type: "bigint",
                nullable: false)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.CreateIndex(
                name: "ix_sensitive_access_log_actor_position",
                table: "sensitive_access_log",
                columns: new[] { "actor", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_sensitive_access_log_outcome_sequence",
                table: "sensitive_access_log",
                columns: new[] { "outcome", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_sensitive_access_log_sequence",
                table: "sensitive_access_log",
                column: "sequence",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sensitive_access_log_actor_position",
                table: "sensitive_access_log");

            migrationBuilder.DropIndex(
                name: "ix_sensitive_access_log_outcome_sequence",
                table: "sensitive_access_log");

            migrationBuilder.DropIndex(
                name: "ix_sensitive_access_log_sequence",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "client_id",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "endpoint",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "outcome",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "person",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "position",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "previous_hash",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "refusal_reason",
                table: "sensitive_access_log");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "sensitive_access_log");

            migrationBuilder.AlterColumn<string>(
                name: "purpose",
                table: "sensitive_access_log",
                type: "character varying(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(30)",
                oldMaxLength: 30,
                oldNullable: true);
        }
    }
}
