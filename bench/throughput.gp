# Clustered bars: throughput (MB/s) by file size for this service, nginx and S3Proxy.
# Called by bench/report.sh: gnuplot -e "datafile='...'; outfile='...'; subtitle='...'" bench/throughput.gp
set terminal pngcairo size 1100,620 font "DejaVu Sans,11"
set output outfile
set title "Download throughput on loopback, MB/s (higher is better)\n{/*0.8 ".subtitle."}"
set style data histograms
set style histogram clustered gap 1.5
set style fill solid 0.85 border -1
set boxwidth 0.9
set ylabel "MB/s (10^6 bytes/s)"
set yrange [0:*]
set grid ytics
set key top left
set bmargin 4.5
set xtics nomirror
set datafile commentschars "#"
plot datafile using 2:xtic(1) title "this service" lc rgb "#1f77b4", \
     ''       using 3 title "nginx (sendfile)" lc rgb "#7f7f7f", \
     ''       using 4 title "S3Proxy" lc rgb "#ff7f0e", \
     ''       using ($0-0.3):2:(sprintf("%.0f",$2)) with labels offset 0,0.7 font ",9" notitle, \
     ''       using ($0):3:(sprintf("%.0f",$3)) with labels offset 0,0.7 font ",9" notitle, \
     ''       using ($0+0.3):4:(sprintf("%.0f",$4)) with labels offset 0,0.7 font ",9" notitle
