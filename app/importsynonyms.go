package app

// The column names accounting programs export, beyond the plain ones in importmap.go: Xero,
// QuickBooks Online and Desktop, Sage, FreshBooks, Wave, Zoho, Square, lexoffice and sevDesk.
// Names are matched after headerKey, so "*InvoiceNumber", "Invoice Number" and "INVOICE_NUMBER"
// are one name. A name earlier in a field's list wins when two columns could hold the field.

var exportInvoiceNames = map[Field][]string{
	FieldNumber: {"invoice no.", "inv #", "invoice num", "ref no", "transaction no",
		"rechnungsnummer", "rechnungs nr", "rechnungsnr", "re nr", "belegnummer", "beleg nr", "nummer", "numéro de facture", "factuurnummer"},
	FieldCustomer: {"contact", "customer full name", "organization", "organisation", "recipient", "a c name", "account",
		"kunde", "kundenname", "kunde name", "firma", "empfänger", "rechnungsempfänger", "kontakt", "client nom"},
	FieldIssueDate: {"date issued", "invoice created", "date created", "created date", "document date", "voucher date",
		"rechnungsdatum", "belegdatum", "datum", "erstellt am", "date de facture", "factuurdatum"},
	FieldDueDate: {"due on date", "payment due date", "date due", "fälligkeitsdatum", "fällig am", "fälligkeit", "fällig", "zahlungsziel", "date d échéance", "vervaldatum"},
	FieldAmount: {"requested amount", "gross amount", "amount incl tax", "total incl tax", "total including tax", "total gross", "invoice value",
		"betrag", "brutto", "bruttobetrag", "betrag brutto", "gesamtbetrag", "gesamt brutto", "summe brutto", "rechnungsbetrag", "endbetrag", "montant ttc", "totaal"},
	FieldBalance: {"invoice amount due", "amount remaining", "remaining balance", "outstanding amount", "outstanding balance", "open amount", "balance due amount",
		"offener betrag", "offen", "restbetrag", "offener betrag brutto", "noch offen", "saldo"},
	FieldPaid:        {"invoice amount paid", "total paid", "payments", "bezahlt", "bezahlter betrag", "gezahlt"},
	FieldCurrency:    {"currency iso", "iso currency", "währung", "devise"},
	FieldDescription: {"invoice title", "title", "subject", "item name", "item desc", "item description", "product", "service", "line description", "betreff", "beschreibung", "titel", "leistung"},
	FieldExternalRef: {"p o #", "po #", "customer ref", "your reference", "order number", "referenz", "bestellnummer", "ihre referenz"},
	FieldType:        {"invoice type", "voucher type", "rechnungstyp", "belegart", "belegtyp", "typ", "art", "dokumenttyp"},
	FieldStatus:      {"status", "invoice status", "rechnungsstatus", "belegstatus", "statut"},
	FieldQuantity:    {"quantity", "qty", "menge", "anzahl", "units"},
	FieldUnitPrice:   {"unit amount", "unit price", "item price", "rate", "price", "einzelpreis", "preis"},
	FieldLineAmount:  {"line amount", "line total", "item total", "item amount", "line net", "positionsbetrag", "gesamtpreis"},
}

var exportCustomerNames = map[Field][]string{
	FieldEmail:      {"email address", "primary email", "customer email", "contact email", "e mail adresse"},
	FieldPhone:      {"phone number", "phone numbers", "customer phone", "telefon", "telefonnummer", "mobil"},
	FieldAddress1:   {"po address line 1", "sa address line 1", "billing address 1", "billing address line 1", "billing street", "billing address", "address line1", "straße", "strasse", "adresse", "anschrift"},
	FieldAddress2:   {"po address line 2", "sa address line 2", "billing address 2", "billing address line 2", "adresszusatz"},
	FieldPostalCode: {"po postal code", "sa postal code", "billing zip", "billing code", "billing postal code", "billing zip code", "postleitzahl"},
	FieldCity:       {"po city", "sa city", "billing city", "stadt"},
	FieldRegion:     {"po region", "sa region", "billing state", "billing region", "bundesland"},
	FieldCountry:    {"po country", "sa country", "billing country", "land"},
}

func init() {
	for f, names := range exportInvoiceNames {
		invoiceSynonyms[f] = append(invoiceSynonyms[f], names...)
	}
	for f, names := range exportCustomerNames {
		customerSynonyms[f] = append(customerSynonyms[f], names...)
		invoiceSynonyms[f] = append(invoiceSynonyms[f], names...)
	}
	customerSynonyms[FieldContact] = append(customerSynonyms[FieldContact], "po attention to", "attention to", "ansprechpartner")
	customerSynonyms[FieldPhone] = append(customerSynonyms[FieldPhone], "mobile number")
	customerSynonyms[FieldCustomer] = append(customerSynonyms[FieldCustomer], "contact name", "customer full name", "organization", "kunde", "kundenname", "firma")
	paymentSynonyms[FieldCustomer] = invoiceSynonyms[FieldCustomer]
	paymentSynonyms[FieldCurrency] = invoiceSynonyms[FieldCurrency]
	paymentSynonyms[FieldDate] = append(paymentSynonyms[FieldDate], "zahlungsdatum", "datum", "eingang", "paid date", "date paid")
	paymentSynonyms[FieldAmount] = append(paymentSynonyms[FieldAmount], "betrag", "zahlbetrag", "total collected", "net total", "amount received", "received amount")
	paymentSynonyms[FieldInvoice] = append(paymentSynonyms[FieldInvoice], "rechnungsnummer", "rechnung", "invoice id")
}

// fieldWords are the fields in the owner's words, for the Columns dialog.
var fieldWords = map[Field]string{
	FieldNumber: "Invoice number", FieldCustomer: "Customer name", FieldIssueDate: "Invoice date",
	FieldDueDate: "Due date", FieldAmount: "Invoice total", FieldCurrency: "Currency",
	FieldBalance: "Still to pay (open balance)", FieldPaid: "Already paid", FieldDescription: "Description",
	FieldExternalRef: "Reference", FieldType: "Invoice or credit note", FieldEmail: "Email",
	FieldPhone: "Phone", FieldAddress1: "Address line 1", FieldAddress2: "Address line 2",
	FieldPostalCode: "Postcode", FieldCity: "Town or city", FieldRegion: "Region or state",
	FieldCountry: "Country", FieldContact: "Contact person", FieldCustomerKind: "Business or consumer",
	FieldLanguage: "Language", FieldTimeZone: "Time zone", FieldSince: "Customer since",
	FieldNotes: "Notes", FieldDate: "Payment date", FieldMethod: "How it was paid",
	FieldReference: "Payment reference", FieldInvoice: "For invoice number",
	FieldQuantity: "Quantity (of a line)", FieldUnitPrice: "Unit price (of a line)",
	FieldLineAmount: "Line amount", FieldStatus: "Status (void or draft invoices are left out)", FieldIgnore: "Not used",
}

// FieldWords is a field as the owner reads it ("Invoice date", "Postcode").
func FieldWords(f Field) string {
	if w, ok := fieldWords[f]; ok {
		return w
	}
	return string(f)
}
