using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Platform.BuildingBlocks.Data;

#nullable disable

namespace Platform.Parking.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class ChainCheckpoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "chain_checkpoint_heads",
                columns: table => new
                {
                    checkpoint_sequence = table.Column<long>(type: "bigint", nullable: false),
                    ledger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    chain_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false),
                    head = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chain_checkpoint_heads", x => new { x.checkpoint_sequence, x.ledger, x.chain_id });
                });

            migrationBuilder.CreateTable(
                name: "chain_checkpoints",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    key_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    content = table.Column<string>(type: "text", nullable: false),
                    signature = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_chain_checkpoints", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_chain_checkpoint_heads_ledger_chain_id_checkpoint_sequence",
                table: "chain_checkpoint_heads",
                columns: new[] { "ledger", "chain_id", "checkpoint_sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_chain_checkpoints_sequence",
                table: "chain_checkpoints",
                column: "sequence",
                unique: true);

            // What was published stays as published: the service's role may only add checkpoints.
            migrationBuilder.Sql(AppendOnly.Create("chain_checkpoints"));
            migrationBuilder.Sql(AppendOnly.Create("chain_checkpoint_heads"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "chain_checkpoint_heads");

            migrationBuilder.DropTable(
                name: "chain_checkpoints");
        }
    }
}
