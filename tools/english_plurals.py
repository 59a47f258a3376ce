#!/usr/bin/env python3
"""Keeps only the plural ("%n") messages in translations/nwb_en.ts and fills their English forms:
"%n node(s)" becomes "%n node" / "%n nodes". Run after `--target update_translations`."""
import re
import sys
import xml.etree.ElementTree as ET

path = sys.argv[1] if len(sys.argv) > 1 else "translations/nwb_en.ts"
tree = ET.parse(path)
root = tree.getroot()
for context in list(root.findall("context")):
    for message in list(context.findall("message")):
        if message.get("numerus") != "yes":
            context.remove(message)
            continue
        source = message.find("source").text or ""
        translation = message.find("translation")
        translation.attrib.pop("type", None)
        for form in list(translation):
            translation.remove(form)
        # "(s)" and "(es)" suffixes, and "is/are" written as "is(are)".
        one = re.sub(r"\((e?s)\)", "", source).replace("is(are)", "is")
        many = re.sub(r"\((e?s)\)", r"\1", source).replace("is(are)", "are")
        for text in (one, many):
            form = ET.SubElement(translation, "numerusform")
            form.text = text
    if not context.findall("message"):
        root.remove(context)
tree.write(path, encoding="utf-8", xml_declaration=True)
with open(path, "r+", encoding="utf-8") as f:
    body = f.read().replace("<?xml version='1.0' encoding='utf-8'?>",
                            '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>', 1)
    f.seek(0)
    f.write(body + ("" if body.endswith("\n") else "\n"))
    f.truncate()
