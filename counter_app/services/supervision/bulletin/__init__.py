"""The supervision bulletin (每日一通报、每日一小结): its figures, model, tables, charts,
PDF and workbook."""
