using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Platform.ElderCare.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CareOrderFollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_followed_up_at",
                table: "care_orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "care_order_follow_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    order_id = table.Column<Guid>(type: "uuid", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_care_order_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_care_order_follow_ups_care_orders_order_id",
                        column: x => x.order_id,
                        principalTable: "care_orders",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_care_order_follow_ups_order_id_recorded_at",
                table: "care_order_follow_ups",
                columns: new[] { "order_id", "recorded_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_order_follow_ups");

            migrationBuilder.DropColumn(
                name: "last_followed_up_at",
                table: "care_orders");
        }
    }
}
