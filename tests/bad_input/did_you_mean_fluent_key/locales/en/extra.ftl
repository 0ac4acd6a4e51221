# Texts only this case has.
donate-buton = Donate
